import { clientsClaim } from 'workbox-core'
import { isExcludedPath, type ServiceWorkerConfig } from '../formats/sw-config.js'
import { isBackOnlineMessage } from '../formats/worker-messages.js'
import { deleteOldCaches } from './kill-switch.js'
import { recordSuccessfulLoad } from './last-load.js'
import { navigationPreloadIsSafe, setNavigationPreload } from './navigation-preload.js'
import { handleNavigation, isWatchedNavigation } from './navigation-route.js'
import { runtimeFor } from './runtime.js'
import { STATE_CACHE } from './state-store.js'

declare const self: ServiceWorkerGlobalScope

export interface InstallStartupHelpOptions {
  /**
   * Take over at once when a new version installs (skipWaiting + clientsClaim), so nobody stays on
   * an old worker. Default true; an app with its own update flow may turn it off.
   */
  takeOverAtOnce?: boolean
  /**
   * Watch GET navigations (default true): the help page when one fails. A navigation that a
   * fetch listener or Workbox route of the app answers is the app's, untouched; the rest go to
   * the network, guarded. False: leave navigations to the app's own route wrapped in
   * `withStartupHelp` (which guards the app's answers too).
   */
  navigations?: boolean
  /**
   * Navigation preload: `true` turns it on where it is safe (Chromium), so a healthy page waits
   * for no worker start; `false` turns it off; `'app'` leaves it to the app's worker (workbox-build's
   * `navigationPreload`). Default: on when `navigations` is, else the app's. Turn it off when the
   * app answers navigations from a precache (an SPA shell): a preload nobody reads is a request
   * for nothing.
   */
  navigationPreload?: boolean | 'app'
}

/**
 * Adds startup-help to a service worker: the help page for failed GET navigations, the last known
 * status, the report queue and the kill switch. Call it at the top level of the worker script
 * (event listeners must be added during the first evaluation). The app's own routes keep working,
 * registered before or after it: they answer first. The help page's assets (`HELP_ASSETS`) must be precached by the worker and
 * served next to it.
 *
 * With `config` null it adds nothing: every request passes through.
 *
 * @example
 * // sw.ts of an app that has its own Workbox worker
 * import { installStartupHelp } from 'startup-help/sw'
 * import { readServiceWorkerConfig } from 'startup-help/formats'
 * installStartupHelp(readServiceWorkerConfig(self.location.href))
 * precacheAndRoute(self.__WB_MANIFEST) // includes help-page.js and help-page.css
 */
export function installStartupHelp(
  config: ServiceWorkerConfig | null,
  options: InstallStartupHelpOptions = {},
): void {
  const navigations = options.navigations ?? true
  if (options.takeOverAtOnce ?? true) {
    // A new version never waits behind open tabs: it takes over at once, so the next navigation
    // is served by it. The message is what workbox-window's messageSkipWaiting() sends.
    self.addEventListener('install', () => {
      void self.skipWaiting()
    })
    self.addEventListener('message', (event) => {
      if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') {
        void self.skipWaiting()
      }
    })
    clientsClaim()
  }
  const preloadChoice = options.navigationPreload ?? (navigations ? true : 'app')
  if (!config) {
    if (preloadChoice !== 'app') {
      self.addEventListener('activate', (event) => event.waitUntil(setNavigationPreload(false)))
    }
    return
  }

  const runtime = runtimeFor(config)
  const { reports } = runtime

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      Promise.all([
        deleteOldCaches([STATE_CACHE]),
        preloadChoice === 'app'
          ? undefined
          : setNavigationPreload(preloadChoice && navigationPreloadIsSafe()),
      ])
        .then(() => recordSuccessfulLoad({ onlyIfUnknown: true }))
        .then(() => runtime.readStatus(true)),
    )
  })

  const onFetch = (event: FetchEvent) => {
    if (runtime.isDisabled()) return
    const { request } = event
    const navigation = navigations && isWatchedNavigation(request)
    if (navigation && isExcludedPath(config, new URL(request.url).pathname)) {
      // Never the help page: the request goes to the network as is. Answered rather than left
      // alone because with navigation preload on (ours or the app's) the browser already sent it,
      // and leaving it would make the browser send it again (an OAuth callback's code is
      // single-use); without preload the answer is our plain fetch of it.
      const preloaded: Promise<Response | undefined> =
        event.preloadResponse ?? Promise.resolve(undefined)
      event.respondWith(preloaded.then((response) => response ?? fetch(request)))
    } else if (navigation) {
      event.respondWith(
        handleNavigation(
          event,
          config,
          runtime.hooks((p) => event.waitUntil(p)),
        ),
      )
    } else if (reports?.matches(request)) {
      event.respondWith(reports.handle(request))
    }
    // Anything else: no respondWith at all, the browser handles it as if we were not here.
  }
  // Added once the rest of the worker's first evaluation has run: `respondWith` stops the other
  // listeners, so the app's own routes (a NavigationRoute, a precached shell, generateSW's
  // navigateFallback) must come first; a navigation none of them answered is ours.
  queueMicrotask(() => self.addEventListener('fetch', onFetch))

  // Where the Background Sync API is missing (Firefox, Safari), these are the chances to send
  // what waits: the page saying the device is back online, and this start of the worker.
  self.addEventListener('message', (event) => {
    if (reports && isBackOnlineMessage(event.data)) event.waitUntil(reports.flush())
  })
  void reports?.flush()
}
