import * as z from 'zod/mini'
import type { HelpDefaults } from './help-model.js'
import { appIdSchema, langSchema, safeUrlSchema } from './primitives.js'

/**
 * The configuration the client hands the service worker. It travels in the worker script's URL
 * (`/sw.js?c=<json>`), so the worker has it at every start without storage, and a changed
 * configuration is a new script URL that the browser installs as an update.
 */
export const serviceWorkerConfigSchema = z.object({
  app: z.nullable(appIdSchema),
  appName: z.optional(z.nullable(z.string().check(z.maxLength(80)))),
  appVersion: z.nullable(z.string().check(z.maxLength(64))),
  helpText: z.nullable(z.string().check(z.maxLength(4000))),
  helpUrl: z.nullable(safeUrlSchema),
  statusUrl: z.nullable(safeUrlSchema),
  lang: z.nullable(langSchema),
  strings: z.record(langSchema, z.record(z.string(), z.string())),
  navigationTimeoutMs: z.int().check(z.minimum(500), z.maximum(120_000)),
  outageStatuses: z.array(z.int().check(z.minimum(400), z.maximum(599))),
})

export type ServiceWorkerConfig = z.infer<typeof serviceWorkerConfigSchema>

/**
 * Reads the configuration back in the worker; `null` when missing or invalid (the worker then
 * passes every request through untouched rather than guess).
 *
 * @example
 * const config = readServiceWorkerConfig(self.location.href)
 */
export function readServiceWorkerConfig(scriptUrl: string): ServiceWorkerConfig | null {
  try {
    const raw = new URL(scriptUrl).searchParams.get('c')
    if (raw === null) return null
    const parsed = serviceWorkerConfigSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The help page's defaults from the worker's configuration: the one mapping, for the worker's
 * help page and anything else that holds a configuration.
 *
 * @example
 * const model: HelpModel = { …, defaults: helpDefaultsOf(config) }
 */
export function helpDefaultsOf(config: ServiceWorkerConfig): HelpDefaults {
  return {
    app: config.app,
    appName: config.appName ?? null,
    appVersion: config.appVersion,
    helpText: config.helpText,
    helpUrl: config.helpUrl,
    statusUrl: config.statusUrl,
    lang: config.lang,
    strings: config.strings,
  }
}
