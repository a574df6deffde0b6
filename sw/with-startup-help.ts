import type {
  RouteHandler,
  RouteHandlerCallback,
  RouteHandlerCallbackOptions,
} from 'workbox-core/types.js'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { guardNavigation } from './guard-navigation.js'
import { runtimeFor } from './runtime.js'

/**
 * Wraps the handler of your own `NavigationRoute` (any Workbox strategy, `createHandlerBoundToURL`
 * or a function) so a failed navigation shows the help page: a network error, no first byte
 * within `navigationTimeoutMs` (raced outside your strategy: your request is never rebuilt), or an
 * outage status (502/503/504 by default). Whatever else your handler answers is returned
 * untouched: 2xx, 3xx, 404, your own offline page, a copy from your cache. On a good answer the
 * status is refreshed and queued reports are sent.
 *
 * Your fallback wins where your strategy has one in time: NetworkFirst with a cached copy answers
 * that copy on a network error, and the help page only shows when there is no copy (or when the
 * timeout comes first). Pair it with `installStartupHelp(config, { navigations: false })` for the
 * report queue, the status on activation and the kill switch. With `config` null, or once the
 * kill switch ran, it is your handler alone. POST navigations and `excludePaths` are never touched.
 *
 * @example
 * // sw.ts of an app with its own navigation handling
 * import { NavigationRoute, registerRoute } from 'workbox-routing'
 * import { NetworkFirst } from 'workbox-strategies'
 * import { installStartupHelp, withStartupHelp } from 'startup-help/sw'
 * import { readServiceWorkerConfig } from 'startup-help/formats'
 * const config = readServiceWorkerConfig(self.location.href)
 * installStartupHelp(config, { navigations: false })
 * registerRoute(new NavigationRoute(withStartupHelp(new NetworkFirst({ cacheName: 'pages' }), config)))
 */
export function withStartupHelp(
  handler: RouteHandler,
  config: ServiceWorkerConfig | null,
): RouteHandlerCallback {
  const inner: RouteHandlerCallback =
    typeof handler === 'function' ? handler : (options) => handler.handle(options)
  if (!config) return inner
  const runtime = runtimeFor(config)
  return (options: RouteHandlerCallbackOptions) => {
    const { request, event } = options
    if (!runtime.watches(request)) return inner(options)
    // Workbox hands an event when routing a fetch; a handler called by hand may have none.
    const waitUntil = (promise: Promise<unknown>) => {
      if (typeof event?.waitUntil === 'function') event.waitUntil(promise)
    }
    return guardNavigation(
      { request, waitUntil, answer: () => inner(options) },
      config,
      runtime.hooks(waitUntil),
    )
  }
}
