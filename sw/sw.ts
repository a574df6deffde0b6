/**
 * The startup-help service worker (built to dist/browser/sw.js). Watches GET navigations and
 * answers the help page when the app's server can't be reached, hangs, or answers with an outage
 * status; keeps the last known status from the status service; queues diagnostic reports while
 * that service is down. Everything else passes through untouched.
 *
 * Configuration comes from this script's own URL (formats/sw-config.ts); without a valid one the
 * worker does nothing but keep its help page assets.
 */
import { setCacheNameDetails } from 'workbox-core'
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching'
import type { PrecacheEntry } from 'workbox-precaching/_types.js'
import { readServiceWorkerConfig } from '../formats/sw-config.js'
import { installStartupHelp } from './install.js'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>
}

// Named so the kill switch and cleanup find every cache of ours, and only ours.
setCacheNameDetails({ prefix: 'startup-help' })
installStartupHelp(readServiceWorkerConfig(self.location.href))
// Registered after our own fetch listener; it only answers requests for the precached assets.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
