import type { WorkboxPlugin } from 'workbox-core/types.js'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { helpPageFor, networkFailureKind } from './guard-navigation.js'
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
  return {
    handlerWillStart: async ({ request, state }) => {
      if (state && runtime.watches(request)) state.startedAt = Date.now()
    },
    fetchDidSucceed: async ({ request, response, event, state }) => {
      if (!runtime.watches(request)) return response
      if (config.outageStatuses.includes(response.status)) {
        if (state) state.outage = response
        throw new OutageStatusError(`outage status ${response.status}`)
      }
      if (response.status < 400) {
        event.waitUntil(runtime.hooks((promise) => event.waitUntil(promise)).succeeded())
      }
      return response
    },
    handlerDidError: async ({ request, event, state }) => {
      if (!runtime.watches(request)) return undefined
      const outage = state?.outage instanceof Response ? state.outage : null
      const waitUntil = (promise: Promise<unknown>) => event.waitUntil(promise)
      return helpPageFor(
        { request, waitUntil },
        outage ? { kind: 'http-error', response: outage } : { kind: networkFailureKind() },
        typeof state?.startedAt === 'number' ? state.startedAt : Date.now(),
        config,
        runtime.hooks(waitUntil),
      )
    },
  }
}
