/// <reference lib="webworker" />
import { readServiceWorkerConfig } from 'startup-help/formats'
import { installStartupHelp, withStartupHelp } from 'startup-help/sw'
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { NetworkOnly } from 'workbox-strategies'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>
}

// #region readme
const config = readServiceWorkerConfig(self.location.href)
// Report queue, kill switch, status on activation; navigations are left to the route below.
installStartupHelp(config, { navigations: false })
precacheAndRoute(self.__WB_MANIFEST)
// The app's own navigation handling, with the help page when it fails.
registerRoute(new NavigationRoute(withStartupHelp(new NetworkOnly(), config)))
// #endregion readme
cleanupOutdatedCaches()

// A route of the app's own, answered by its worker whatever the server does.
registerRoute(
  ({ url }) => url.pathname === '/own/ping',
  async () => new Response('pong from the app worker'),
)
