import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { guardNavigation, type NavigationHooks } from './guard-navigation.js'

/**
 * Only GET navigations are ours: a POST navigation (a login form) must reach the server exactly
 * once and show whatever it answers, so it is never touched.
 *
 * @example
 * if (isWatchedNavigation(event.request)) event.respondWith(…)
 */
export function isWatchedNavigation(request: Request): boolean {
  return request.mode === 'navigate' && request.method === 'GET'
}

/**
 * The navigation request with an abort signal. Older engines refuse a RequestInit on a
 * navigate-mode request (TypeError): there we send the request as is and the timeout still
 * answers, only without cancelling the hanging request. Never turn that into "unreachable".
 */
function abortable(request: Request, signal: AbortSignal): Request {
  try {
    return new Request(request, { signal })
  } catch {
    return request
  }
}

/**
 * The server's answer to the navigation: the navigation preload response where the browser
 * started one (it left while the worker was starting, so a healthy page waits for nothing), else
 * our own fetch. A rejected preload means the network failed: that rejection is the answer.
 * The request goes as is: its redirect mode stays 'manual', so redirects reach the page untouched.
 */
export function networkAnswer(event: FetchEvent, signal: AbortSignal): Promise<Response> {
  // preloadResponse is undefined where navigation preload does not exist at all.
  const preload: Promise<Response | undefined> = event.preloadResponse ?? Promise.resolve(undefined)
  return preload.then((preloaded) => preloaded ?? fetch(abortable(event.request, signal)))
}

/**
 * Answers a GET navigation from the network, guarded: the server's answer when it gave one, else
 * the help page.
 *
 * @example
 * event.respondWith(handleNavigation(event, config, hooks))
 */
export function handleNavigation(
  event: FetchEvent,
  config: ServiceWorkerConfig,
  hooks: NavigationHooks,
): Promise<Response> {
  return guardNavigation(
    {
      request: event.request,
      waitUntil: (promise) => event.waitUntil(promise),
      answer: (signal) => networkAnswer(event, signal),
    },
    config,
    hooks,
  )
}
