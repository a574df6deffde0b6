import type { ServiceWorkerConfig } from './sw-config.js'

// Kept apart from the zod schema in sw-config.ts: the always-loaded client bundle needs these,
// and module-level zod schemas can't be tree-shaken, so importing sw-config.ts would pull all of
// zod into a client that must stay under 5 KB gzip.

/** Default navigation timeout: long enough for a slow login, short enough that users don't give up. */
export const DEFAULT_NAVIGATION_TIMEOUT_MS = 8000

/** Statuses that mean "the app's server is down" rather than "the app said no". */
export const DEFAULT_OUTAGE_STATUSES = [502, 503, 504] as const

/**
 * The worker script URL carrying `config`.
 *
 * @example
 * navigator.serviceWorker.register(serviceWorkerUrl('/sw.js', config))
 */
export function serviceWorkerUrl(swUrl: string, config: ServiceWorkerConfig): string {
  const url = new URL(swUrl, 'http://placeholder.invalid')
  url.searchParams.set('c', JSON.stringify(config))
  return swUrl.startsWith('http') ? url.href : `${url.pathname}${url.search}`
}
