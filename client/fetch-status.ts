import { timeoutSignal } from './timeout-signal.js'

/** A status answer as read, before any check of its shape. */
export interface FetchedStatus {
  body: unknown
  /** The answer's `Cache-Control: max-age`, or null when it has none. */
  maxAgeSeconds: number | null
}

/**
 * Reads `/v1/status` the one way the page does: no cookies, never from the HTTP cache (the body's
 * serverTime must be fresh for the clock correction, and a kill switch counts at the next load; a
 * revalidated cached copy would carry an old serverTime), bounded by `timeoutMs`. Answers null
 * when the service can't be read (down, offline, not 2xx, not JSON).
 *
 * @example
 * const fetched = await fetchStatus(statusRequestUrl(statusUrl, 'crm', 'en'), 3000)
 */
export async function fetchStatus(url: string, timeoutMs: number): Promise<FetchedStatus | null> {
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      cache: 'no-store',
      signal: timeoutSignal(timeoutMs),
    })
    if (!response.ok) return null
    const body: unknown = await response.json()
    const maxAge = /max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]
    return { body, maxAgeSeconds: maxAge === undefined ? null : Number(maxAge) }
  } catch {
    return null
  }
}
