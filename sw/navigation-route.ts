import type { HelpModel } from '../formats/help-model.js'
import { helpDefaultsOf, type ServiceWorkerConfig } from '../formats/sw-config.js'
import { type NavigationAttempt, navigationFailure } from './failure.js'
import { helpPageResponse } from './help-response.js'
import { readState, writeState } from './state-store.js'
import { knownStatus } from './status-cache.js'

declare const self: ServiceWorkerGlobalScope

const LAST_LOAD = 'last-successful-load'
const LAST_LOAD_PRECISION_MS = 60_000
let lastLoadWrittenAt = 0
/**
 * How long the help page waits for a fresh status before it shows the last known one. Longer shows
 * the newest message more often but delays the page when the status service hangs too.
 */
export const FRESH_STATUS_WAIT_MS = 1000

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
 * Records "the app loaded" now. On activation (`onlyIfUnknown`) the page that registered the
 * worker has just loaded without passing through it, so that visit counts too.
 *
 * @example
 * event.waitUntil(recordSuccessfulLoad({ onlyIfUnknown: true }))
 */
export async function recordSuccessfulLoad(options: { onlyIfUnknown: boolean }): Promise<void> {
  const now = Date.now()
  // A minute's precision is enough for "last successful load", and skipping the write keeps
  // healthy navigations from paying a Cache Storage write each time.
  if (!options.onlyIfUnknown && now - lastLoadWrittenAt < LAST_LOAD_PRECISION_MS) return
  try {
    if (options.onlyIfUnknown && (await readState<string>(LAST_LOAD)) !== null) return
    await writeState(LAST_LOAD, new Date(now).toISOString())
    lastLoadWrittenAt = now
  } catch {
    // Storage full or unavailable: the help page then just says "unknown".
  }
}

export interface NavigationHooks {
  /** Runs after a navigation the server answered (anything but an outage). */
  succeeded(): Promise<void>
  /**
   * Runs when the help page is about to be shown: reads the status afresh (the status service is
   * often up while the app is down), awaited at most {@link FRESH_STATUS_WAIT_MS}.
   */
  failed(): Promise<void>
}

type Outcome =
  | { kind: 'answered'; response: Response }
  | { kind: 'timeout' | 'unreachable' | 'offline' }
  | { kind: 'http-error'; response: Response }

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
 */
function networkAnswer(event: FetchEvent, signal: AbortSignal): Promise<Response> {
  // preloadResponse is undefined where navigation preload does not exist at all.
  const preload: Promise<Response | undefined> = event.preloadResponse ?? Promise.resolve(undefined)
  return preload.then((preloaded) => preloaded ?? fetch(abortable(event.request, signal)))
}

/**
 * True once the body's first chunk arrived (or there is no body). Read from a clone, so the
 * answer handed to the page is the original, untouched (its type, URL and redirect state are what
 * the browser checks). A server that sends headers and then stalls is as stuck as one that
 * sends nothing.
 */
async function bodyStarts(response: Response, timedOut: Promise<'timeout'>): Promise<boolean> {
  if (response.body === null || response.type === 'opaqueredirect') return true
  const probe = response.clone().body?.getReader()
  if (!probe) return true
  const first = await Promise.race([probe.read(), timedOut])
  probe.cancel().catch(() => {})
  return first !== 'timeout'
}

/**
 * Races the network against the configured timeout, until the first byte of the body. A hanging
 * server is the case the browser handles worst (still pending after 5 minutes), so the timer
 * also aborts our request.
 */
async function attempt(event: FetchEvent, config: ServiceWorkerConfig): Promise<Outcome> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), config.navigationTimeoutMs)
  })
  // The request as is: its redirect mode stays 'manual', so redirects reach the page untouched.
  const answer = networkAnswer(event, controller.signal)
  // The worker stays alive until the answer settles (a preload left unsettled makes Chromium
  // warn and cancel it), but never past the timeout: a hanging server must not pin the worker.
  event.waitUntil(Promise.race([answer.catch(() => {}), timedOut]))
  try {
    const result = await Promise.race([answer, timedOut])
    if (result === 'timeout' || !(await bodyStarts(result, timedOut))) {
      controller.abort()
      if (result !== 'timeout') result.body?.cancel().catch(() => {})
      return { kind: 'timeout' }
    }
    if (config.outageStatuses.includes(result.status)) {
      result.body?.cancel().catch(() => {})
      return { kind: 'http-error', response: result }
    }
    return { kind: 'answered', response: result }
  } catch {
    return { kind: self.navigator.onLine ? 'unreachable' : 'offline' }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Answers a GET navigation: the server's answer when it gave one (2xx, 3xx, 4xx, 5xx outside the
 * outage list, all untouched), else the help page with the failure's facts and the last known
 * status.
 *
 * @example
 * event.respondWith(handleNavigation(event, config, hooks))
 */
export async function handleNavigation(
  event: FetchEvent,
  config: ServiceWorkerConfig,
  hooks: NavigationHooks,
): Promise<Response> {
  const request = event.request
  const started: NavigationAttempt = {
    url: request.url,
    method: request.method,
    startedAt: Date.now(),
  }
  const outcome = await attempt(event, config)
  if (outcome.kind === 'answered') {
    const { response } = outcome
    const loaded = response.ok || response.type === 'opaqueredirect' || response.status < 400
    // A 404 or a non-outage 500 is passed through but is not "the app loaded".
    if (!loaded) return response
    event.waitUntil(recordSuccessfulLoad({ onlyIfUnknown: false }).then(() => hooks.succeeded()))
    return response
  }
  const failedAt = Date.now()
  const failed = hooks.failed()
  event.waitUntil(failed)
  await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, FRESH_STATUS_WAIT_MS))])
  const [known, lastSuccessfulLoad] = await Promise.all([
    knownStatus(),
    readState<string>(LAST_LOAD),
  ])
  const { failure, retryAfterSeconds } = navigationFailure(started, outcome, failedAt)
  const model: HelpModel = {
    failure,
    known,
    defaults: helpDefaultsOf(config),
    retryAfterSeconds,
    lastSuccessfulLoad,
    serviceWorkerState: 'controlling',
    retryUrl: request.url,
  }
  return helpPageResponse(model, config)
}
