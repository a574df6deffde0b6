import { clientsClaim } from 'workbox-core'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { isBackOnlineMessage } from '../formats/worker-messages.js'
import { deleteOldCaches, killSwitch } from './kill-switch.js'
import { navigationPreloadIsSafe, setNavigationPreload } from './navigation-preload.js'
import { handleNavigation, isWatchedNavigation, recordSuccessfulLoad } from './navigation-route.js'
import { createReportQueue } from './report-queue.js'
import { STATE_CACHE } from './state-store.js'
import { refreshStatus } from './status-cache.js'

declare const self: ServiceWorkerGlobalScope

export interface InstallStartupHelpOptions {
  /**
   * Take over at once when a new version installs (skipWaiting + clientsClaim), so nobody stays on
   * an old worker. Default true; an app with its own update flow may turn it off.
   */
  takeOverAtOnce?: boolean
}

/**
 * Adds startup-help to a service worker: the help page for failed GET navigations, the last known
 * status, the report queue and the kill switch. Call it at the top level of the worker script
 * (event listeners must be added during the first evaluation), BEFORE registering other fetch
 * routes: it answers navigations itself. The help page's assets (help-page.js, help-page.css) must
 * be precached by the worker and served next to it.
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
  if (!config) {
    self.addEventListener('activate', (event) => event.waitUntil(setNavigationPreload(false)))
    return
  }

  // Set by the kill switch: this instance then lets everything through until it is gone.
  let disabled = false
  const reports = config.statusUrl ? createReportQueue(config.statusUrl) : null

  async function readStatus(force: boolean): Promise<void> {
    if (!config || disabled) return
    const status = await refreshStatus(config, { force })
    if (status?.disableServiceWorker) {
      disabled = true
      await killSwitch()
    }
  }

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      Promise.all([deleteOldCaches([STATE_CACHE]), setNavigationPreload(navigationPreloadIsSafe())])
        .then(() => recordSuccessfulLoad({ onlyIfUnknown: true }))
        .then(() => readStatus(true)),
    )
  })

  self.addEventListener('fetch', (event) => {
    if (disabled) return
    const { request } = event
    if (isWatchedNavigation(request)) {
      event.respondWith(
        handleNavigation(event, config, {
          succeeded: async () => {
            await readStatus(false)
            await reports?.flush()
          },
          failed: async () => {
            // Not throttled: the status service may well be up while the app is down, and the
            // message of the incident at hand is what the user needs. Queued reports may get
            // through now too (in the background).
            await readStatus(true)
            event.waitUntil(reports?.flush() ?? Promise.resolve())
          },
        }),
      )
    } else if (reports?.matches(request)) {
      event.respondWith(reports.handle(request))
    }
    // Anything else: no respondWith at all, the browser handles it as if we were not here.
  })

  // Where the Background Sync API is missing (Firefox, Safari), these are the chances to send
  // what waits: the page saying the device is back online, and this start of the worker.
  self.addEventListener('message', (event) => {
    if (reports && isBackOnlineMessage(event.data)) event.waitUntil(reports.flush())
  })
  void reports?.flush()
}
