import type { KnownStatus } from '../formats/help-model.js'
import { type ResolvedStatus, resolvedStatusSchema } from '../formats/resolved-status.js'
import { statusRequestUrl } from '../formats/status-url.js'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { devLog } from './dev-log.js'
import { readState, writeState } from './state-store.js'

declare const self: ServiceWorkerGlobalScope

const KNOWN = 'known-status'
const NEXT_FETCH = 'status-next-fetch'
/** Kept in memory too, so a healthy navigation does not read storage just to learn "not yet". */
let nextFetchAt: number | null = null
/**
 * A status read that takes longer than this is given up: it runs in the background, but a worker
 * kept alive by a hanging fetch costs the device battery.
 */
const STATUS_TIMEOUT_MS = 10_000

/**
 * `GET /v1/status?app=&lang=` on the status service (the configured language, else the
 * browser's); `null` without a status URL.
 *
 * @example
 * configStatusUrl(config) // 'https://status.example.com/v1/status?app=crm&lang=en'
 */
function configStatusUrl(config: ServiceWorkerConfig): string | null {
  if (!config.statusUrl) return null
  return statusRequestUrl(config.statusUrl, config.app, config.lang ?? self.navigator.language)
}

/** Seconds of `max-age` in a Cache-Control header; 0 when absent (then we may ask every time). */
function maxAgeSeconds(cacheControl: string | null): number {
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '')
  return match?.[1] ? Number(match[1]) : 0
}

/**
 * The last status this browser read, or `null` when it never read one.
 *
 * @example
 * const known = await knownStatus()
 */
export function knownStatus(): Promise<KnownStatus | null> {
  return readState<KnownStatus>(KNOWN)
}

/**
 * Reads the status from the status service and keeps it as the last known one, at most as often
 * as the answer's `Cache-Control: max-age` allows (unless `force`). Returns the fresh status, or
 * `null` when nothing was read (throttled, no status URL, service down, invalid answer: the last
 * known status stays).
 *
 * @example
 * const status = await refreshStatus(config, { force: false })
 * if (status?.disableServiceWorker) await killSwitch()
 */
export async function refreshStatus(
  config: ServiceWorkerConfig,
  options: { force: boolean },
): Promise<ResolvedStatus | null> {
  const url = configStatusUrl(config)
  if (!url) return null
  if (!options.force) {
    nextFetchAt ??= await readState<number>(NEXT_FETCH)
    if (nextFetchAt !== null && Date.now() < nextFetchAt) return null
  }
  try {
    // no-store: what we keep is what we read; the browser's HTTP cache would only add a copy.
    const response = await fetch(url, {
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(STATUS_TIMEOUT_MS),
    })
    if (!response.ok) return null
    const parsed = resolvedStatusSchema.safeParse(await response.json())
    if (!parsed.success) {
      devLog('status answer did not validate', parsed.error)
      return null
    }
    const known: KnownStatus = { status: parsed.data, receivedAt: new Date().toISOString() }
    await writeState(KNOWN, known)
    await writeState(
      NEXT_FETCH,
      Date.now() + maxAgeSeconds(response.headers.get('cache-control')) * 1000,
    )
    return parsed.data
  } catch (error) {
    devLog('status read failed', error)
    return null
  }
}
