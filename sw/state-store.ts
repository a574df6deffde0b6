declare const self: ServiceWorkerGlobalScope

/**
 * Our own small key → JSON store in Cache Storage. Only the worker's own facts live here (last known
 * status, last successful load); never the app's pages or API answers.
 */
export const STATE_CACHE = 'startup-help-state-v1'

// Keys are scope-relative URLs so two registrations on one origin keep separate state.
const keyUrl = (name: string) => new URL(`__startup-help/${name}`, self.registration.scope).href

/**
 * Reads a value written with {@link writeState}; `null` when absent or unreadable.
 *
 * @example
 * const known = await readState<KnownStatus>('known-status')
 */
export async function readState<T>(name: string): Promise<T | null> {
  try {
    const cache = await caches.open(STATE_CACHE)
    const response = await cache.match(keyUrl(name))
    return response ? ((await response.json()) as T) : null
  } catch {
    return null
  }
}

/**
 * Stores `value` as JSON under `name`.
 *
 * @example
 * await writeState('last-successful-load', new Date().toISOString())
 */
export async function writeState(name: string, value: unknown): Promise<void> {
  const cache = await caches.open(STATE_CACHE)
  await cache.put(
    keyUrl(name),
    new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } }),
  )
}
