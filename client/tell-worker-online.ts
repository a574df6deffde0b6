import { BACK_ONLINE_MESSAGE } from '../formats/worker-messages.js'

let listening = false

/**
 * Tells the controlling service worker when the device comes back online, so it sends the
 * reports it queued at once: browsers without the Background Sync API (Firefox, Safari) would
 * otherwise wait for the worker's next start or a navigation. Added once per page.
 *
 * @example
 * tellWorkerWhenOnline()
 */
export function tellWorkerWhenOnline(): void {
  if (listening || typeof window === 'undefined' || !('serviceWorker' in navigator)) return
  listening = true
  window.addEventListener('online', () => {
    navigator.serviceWorker.controller?.postMessage(BACK_ONLINE_MESSAGE)
  })
}
