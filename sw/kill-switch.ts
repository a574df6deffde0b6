declare const self: ServiceWorkerGlobalScope

import { CACHE_PREFIX } from '../formats/help-assets.js'

export { CACHE_PREFIX }

/**
 * The kill switch (`disableServiceWorker: true` in the status): deletes our caches and unregisters
 * this worker. Pages it controls keep working (requests pass through); the next navigation goes
 * straight to the network with no worker at all.
 *
 * @example
 * if (status.disableServiceWorker) await killSwitch()
 */
export async function killSwitch(): Promise<void> {
  // Only ours: the app may keep caches of its own on the same origin.
  const names = await caches.keys()
  await Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)),
  )
  await self.registration.unregister()
}

/**
 * Deletes state caches of older versions of this library (names we no longer use). Precaches are
 * left to workbox's cleanupOutdatedCaches, which knows their per-scope names.
 *
 * @example
 * event.waitUntil(deleteOldCaches([STATE_CACHE]))
 */
export async function deleteOldCaches(current: readonly string[]): Promise<void> {
  const names = await caches.keys()
  await Promise.all(
    names
      .filter(
        (name) =>
          name.startsWith(CACHE_PREFIX) && !name.includes('-precache-') && !current.includes(name),
      )
      .map((name) => caches.delete(name)),
  )
}
