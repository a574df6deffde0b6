/**
 * Messages a page posts to the startup-help service worker (`postMessage`). Page and worker both
 * import them from here, so the two can never disagree on a name.
 */

/**
 * "This device is back online": the worker sends the reports it queued. Where the Background
 * Sync API is missing (Firefox, Safari) this, the worker's start and the next navigation the
 * server answers are what deliver a queued report.
 *
 * @example
 * navigator.serviceWorker.controller?.postMessage(BACK_ONLINE_MESSAGE)
 */
export const BACK_ONLINE_MESSAGE = { type: 'STARTUP_HELP_BACK_ONLINE' } as const

/**
 * True for {@link BACK_ONLINE_MESSAGE} (any object with its `type`).
 *
 * @example
 * self.addEventListener('message', (event) => { if (isBackOnlineMessage(event.data)) … })
 */
export function isBackOnlineMessage(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === BACK_ONLINE_MESSAGE.type
  )
}
