import type { HelpModel } from '../formats/help-model.js'
import { reportsEndpoint } from '../formats/status-url.js'
import { classifyFailure } from './classify-failure.js'
import { knownStatus, validInstant } from './known-status.js'
import { type StartupHelpOptions, toHelpDefaults } from './options.js'
import { LAST_LOAD_KEY, recall } from './page-memory.js'
import type { ShowStartupErrorOptions } from './show-startup-error-options.js'
import { openHelpDialog } from './ui/help-dialog.js'

/**
 * The lazily loaded half of `showStartupError`: classifies the failure, builds the help model
 * from the registered options and the remembered status, and opens the dialog.
 *
 * @example
 * await openInPageDialog(error, { now: Date.now(), online: navigator.onLine }, rememberedOptions())
 */
export async function openInPageDialog(
  errorOrResponse: unknown,
  context: ShowStartupErrorOptions & { now: number; online: boolean },
  options: StartupHelpOptions,
): Promise<void> {
  const { failure, retryAfterSeconds } = classifyFailure(errorOrResponse, {
    ...(context.url === undefined ? {} : { url: new URL(context.url, location.href).href }),
    ...(context.method === undefined ? {} : { method: context.method }),
    ...(context.startedAt === undefined ? {} : { startedAt: context.startedAt }),
    now: context.now,
    online: context.online,
  })
  const retryUrl = context.retryUrl ? new URL(context.retryUrl, location.href).href : location.href
  const model: HelpModel = {
    failure,
    known: knownStatus(),
    defaults: toHelpDefaults(options),
    retryAfterSeconds,
    lastSuccessfulLoad: validInstant(recall(LAST_LOAD_KEY)),
    serviceWorkerState: await serviceWorkerState(),
    retryUrl,
  }
  await openHelpDialog(model, {
    reportEndpoint: options.statusUrl ? reportsEndpoint(options.statusUrl) : null,
    probeUrl: retryUrl,
    ...(context.onBack ? { onBack: context.onBack } : {}),
  })
}

async function serviceWorkerState(): Promise<HelpModel['serviceWorkerState']> {
  if (!('serviceWorker' in navigator)) return 'unsupported'
  if (navigator.serviceWorker.controller) return 'controlling'
  try {
    return (await navigator.serviceWorker.getRegistration()) ? 'installed' : 'none'
  } catch {
    return 'none'
  }
}
