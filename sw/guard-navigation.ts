import type { HelpModel } from '../formats/help-model.js'
import { helpDefaultsOf, type ServiceWorkerConfig } from '../formats/sw-config.js'
import { navigationFailure } from './failure.js'
import { helpPageResponse } from './help-response.js'
import { readLastSuccessfulLoad } from './last-load.js'
import { knownStatus } from './status-cache.js'

/**
 * How long the help page waits for a fresh status before it shows the last known one. Longer shows
 * the newest message more often but delays the page when the status service hangs too.
 */
export const FRESH_STATUS_WAIT_MS = 1000

export interface NavigationHooks {
  /** Runs after a navigation the app loaded with (2xx, 3xx): records the load, reads the status. */
  succeeded(): Promise<void>
  /**
   * Runs when the help page is about to be shown: reads the status afresh (the status service is
   * often up while the app is down), awaited at most {@link FRESH_STATUS_WAIT_MS}.
   */
  failed(): Promise<void>
}

/** One navigation to guard, whoever fetches it: our own fetch or the app's Workbox handler. */
export interface GuardedNavigation {
  request: Request
  /** Keeps the worker alive for work after the answer (the fetch event's, when there is one). */
  waitUntil(promise: Promise<unknown>): void
  /**
   * The answer to guard. `signal` fires at the timeout: our own fetch aborts with it; an app's
   * strategy cannot be aborted from outside, so it is only raced (rebuilding a navigation request
   * to give it a signal breaks redirects and Safari).
   */
  answer(signal: AbortSignal): Promise<Response>
}

/**
 * A network error's kind: `offline` when the device says so, else `unreachable`.
 *
 * @example
 * helpPageFor(navigation, { kind: networkFailureKind() }, startedAt, config, hooks)
 */
export function networkFailureKind(): 'unreachable' | 'offline' {
  return globalThis.navigator.onLine ? 'unreachable' : 'offline'
}

/** Why a navigation gets the help page. */
export type FailedOutcome =
  | { kind: 'timeout' | 'unreachable' | 'offline' }
  | { kind: 'http-error'; response: Response }

type Outcome = { kind: 'answered'; response: Response } | FailedOutcome

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
 * Races the answer against the configured timeout, until the first byte of the body. A hanging
 * server is the case the browser handles worst (still pending after 5 minutes), so the timer
 * also fires the abort signal.
 */
async function attempt(
  navigation: GuardedNavigation,
  config: ServiceWorkerConfig,
): Promise<Outcome> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), config.navigationTimeoutMs)
  })
  const answer = navigation.answer(controller.signal)
  // The worker stays alive until the answer settles (a preload left unsettled makes Chromium
  // warn and cancel it), but never past the timeout: a hanging server must not pin the worker.
  navigation.waitUntil(Promise.race([answer.catch(() => {}), timedOut]))
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
    return { kind: networkFailureKind() }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The answer when there is one (2xx, 3xx, 4xx, 5xx outside the outage list, all untouched), else
 * the help page with the failure's facts and the last known status. The one rule for every way
 * of adding startup-help: our own worker, `installStartupHelp` and `withStartupHelp`.
 *
 * @example
 * return guardNavigation({ request, waitUntil, answer: () => handler(options) }, config, hooks)
 */
export async function guardNavigation(
  navigation: GuardedNavigation,
  config: ServiceWorkerConfig,
  hooks: NavigationHooks,
): Promise<Response> {
  const startedAt = Date.now()
  const outcome = await attempt(navigation, config)
  if (outcome.kind === 'answered') {
    const { response } = outcome
    const loaded = response.ok || response.type === 'opaqueredirect' || response.status < 400
    // A 404 or a non-outage 500 is passed through but is not "the app loaded".
    if (!loaded) return response
    navigation.waitUntil(hooks.succeeded())
    return response
  }
  return helpPageFor(navigation, outcome, startedAt, config, hooks)
}

/**
 * The help page for a navigation that failed: reads the status afresh (waiting at most
 * {@link FRESH_STATUS_WAIT_MS}), then renders the failure's facts with the last known status.
 *
 * @example
 * return helpPageFor(navigation, { kind: 'unreachable' }, startedAt, config, hooks)
 */
export async function helpPageFor(
  navigation: Pick<GuardedNavigation, 'request' | 'waitUntil'>,
  outcome: FailedOutcome,
  startedAt: number,
  config: ServiceWorkerConfig,
  hooks: NavigationHooks,
): Promise<Response> {
  const { request } = navigation
  const failedAt = Date.now()
  const failed = hooks.failed()
  navigation.waitUntil(failed)
  await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, FRESH_STATUS_WAIT_MS))])
  const [known, lastSuccessfulLoad] = await Promise.all([knownStatus(), readLastSuccessfulLoad()])
  const { failure, retryAfterSeconds } = navigationFailure(
    { url: request.url, method: request.method, startedAt },
    outcome,
    failedAt,
  )
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
