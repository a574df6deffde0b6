import type { WorkboxPlugin } from 'workbox-core/types.js'
import { isExcludedPath, type ServiceWorkerConfig } from '../formats/sw-config.js'
import { helpPageFor } from './guard-navigation.js'
import { recordSuccessfulLoad } from './last-load.js'
import { isWatchedNavigation } from './navigation-route.js'
import { runtimeFor } from './runtime.js'

/** Thrown by the plugin so the strategy treats an outage status as a failed fetch. */
class OutageStatusError extends Error {}

/**
 * A Workbox plugin for the strategy of your own navigation route: the help page on a network
 * error or an outage status (502/503/504 by default). Your strategy's own fallback comes first:
 * NetworkFirst answers its cached copy when it has one, and the help page shows only when the
 * strategy has nothing (its `handlerDidError`). A plugin cannot race a hanging server: use
 * `withStartupHelp` for the timeout (or NetworkFirst's `networkTimeoutSeconds`, which then
 * answers from your cache).
 *
 * @example
 * registerRoute(new NavigationRoute(new NetworkOnly({ plugins: [startupHelpPlugin(config)] })))
 */
export function startupHelpPlugin(config: ServiceWorkerConfig | null): WorkboxPlugin {
  if (!config) return {}
  const runtime = runtimeFor(config)
  const ours = (request: Request) =>
    !runtime.isDisabled() &&
    isWatchedNavigation(request) &&
    !isExcludedPath(config, new URL(request.url).pathname)
  return {
    handlerWillStart: async ({ request, state }) => {
      if (state && ours(request)) state.startedAt = Date.now()
    },
    fetchDidSucceed: async ({ request, response, event, state }) => {
      if (!ours(request)) return response
      if (config.outageStatuses.includes(response.status)) {
        if (state) state.outage = response
        throw new OutageStatusError(`outage status ${response.status}`)
      }
      if (response.status < 400) {
        event.waitUntil(
          recordSuccessfulLoad({ onlyIfUnknown: false }).then(() =>
            runtime.hooks((promise) => event.waitUntil(promise)).succeeded(),
          ),
        )
      }
      return response
    },
    handlerDidError: async ({ request, event, state }) => {
      if (!ours(request)) return undefined
      const outage = state?.outage instanceof Response ? state.outage : null
      const waitUntil = (promise: Promise<unknown>) => event.waitUntil(promise)
      return helpPageFor(
        { request, waitUntil },
        outage
          ? { kind: 'http-error', response: outage }
          : { kind: globalThis.navigator.onLine ? 'unreachable' : 'offline' },
        typeof state?.startedAt === 'number' ? state.startedAt : Date.now(),
        config,
        runtime.hooks(waitUntil),
      )
    },
  }
}
