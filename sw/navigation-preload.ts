declare const self: ServiceWorkerGlobalScope

/**
 * Turns navigation preload on or off for this registration, where the browser has it (Chromium,
 * Firefox, Safari 15.4+). On: the browser sends a navigation's request while the worker starts,
 * and the worker answers with that response (a healthy page waits for no worker start). Off for
 * a worker that does not answer navigations: a preload nobody reads would be a second request.
 * A refusal is ignored: navigations then simply fetch as before.
 *
 * @example
 * event.waitUntil(setNavigationPreload(true))
 */
export async function setNavigationPreload(on: boolean): Promise<void> {
  const preload = self.registration.navigationPreload
  if (!preload) return
  try {
    await (on ? preload.enable() : preload.disable())
  } catch {
    // Not allowed here (an engine quirk): the worker fetches navigations itself.
  }
}

/**
 * True only in Chromium-based browsers, the one engine family where the browser matrix shows
 * navigation preload and the help page working together:
 * - Firefox: a navigation whose preload fails (connection refused) ends on the browser's own
 *   error page, whatever the worker answers (Firefox ESR 153; also GoogleChrome/workbox#3134).
 * - WebKit: reading a preload response's body in the worker (the first-byte check that catches a
 *   server stalling after its headers) can make WebKit load the page a second time (WebKitGTK
 *   2.50; the server saw both requests).
 * There the worker fetches navigations itself, as before. A bug cannot be feature-detected: this
 * reads the engine from the user agent, and errs on the side of "off".
 *
 * @example
 * event.waitUntil(setNavigationPreload(navigationPreloadIsSafe()))
 */
export function navigationPreloadIsSafe(): boolean {
  // "Chrome/" is in every Chromium browser's user agent ("HeadlessChrome/" too), in no other.
  return /Chrome\//.test(self.navigator.userAgent)
}
