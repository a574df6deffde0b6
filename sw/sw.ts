/**
 * The startup-help service worker. Watches GET navigations and answers the help page when the
 * app's server can't be reached, hangs, or answers with an outage status; keeps the last known
 * status from the status service; queues diagnostic reports while that service is down. Everything
 * else passes through untouched: no respondWith at all.
 *
 * Configuration comes from this script's own URL (formats/sw-config.ts); without a valid one the
 * worker does nothing.
 */
import { clientsClaim, setCacheNameDetails } from 'workbox-core'
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching'
import type { PrecacheEntry } from 'workbox-precaching/_types.js'
import { readServiceWorkerConfig } from '../formats/sw-config.js'
import { deleteOldCaches, killSwitch } from './kill-switch.js'
import { handleNavigation, isWatchedNavigation, recordSuccessfulLoad } from './navigation-route.js'
import { createReportQueue } from './report-queue.js'
import { STATE_CACHE } from './state-store.js'
import { refreshStatus } from './status-cache.js'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>
}

const config = readServiceWorkerConfig(self.location.href)
// Named so the kill switch and cleanup find every cache of ours, and only ours.
setCacheNameDetails({ prefix: 'startup-help' })

// A new version never waits behind open tabs: it takes over at once, so the next navigation is
// served by it. The message is what workbox-window's messageSkipWaiting() sends.
self.addEventListener('install', () => {
  void self.skipWaiting()
})
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})
clientsClaim()

// Set by the kill switch: this instance then lets everything through until it is gone.
let disabled = false
const reports = config?.statusUrl ? createReportQueue(config.statusUrl) : null

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
    deleteOldCaches([STATE_CACHE])
      .then(() => (config ? recordSuccessfulLoad({ onlyIfUnknown: true }) : undefined))
      .then(() => readStatus(true)),
  )
})

if (config) {
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
  })
  // Where the Background Sync API is missing, this start is the chance to send what waits.
  void reports?.flush()
}

// Registered after our own fetch listener; it only answers requests for the precached assets.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
