import { retryDelaySeconds } from './retry-schedule.js'

/** What the countdown shows. */
export type RetryView =
  | { state: 'counting'; seconds: number }
  | { state: 'probing' }
  | { state: 'paused-hidden' }
  | { state: 'paused-offline' }
  /** The user turned automatic retry off (WCAG 2.2.1); "Try again" still probes. */
  | { state: 'off' }

/** The page facts the countdown depends on; the browser's by default, injected in tests. */
export interface RetryEnvironment {
  isHidden(): boolean
  isOnline(): boolean
  /** Calls `listener` when visibility or connectivity changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

export interface AutoRetryOptions {
  hintSeconds: number | null
  /** Resolves true when the server answers again (the caller decides what "answers" means). */
  probe: () => Promise<boolean>
  onBack: () => void
  render: (view: RetryView) => void
  environment?: RetryEnvironment
  random?: () => number
}

export interface AutoRetry {
  /** "Try again": probe now; the countdown restarts with the next, longer delay. */
  retryNow(): void
  /** Turns automatic retry off or back on (the user's choice); manual retries still work. */
  setAutomatic(on: boolean): void
  stop(): void
}

/**
 * Counts down second by second to the next probe, with backoff; the count stands still while
 * the tab is hidden or the device offline (no point probing, and hidden tabs should be quiet),
 * and coming back online probes at once.
 *
 * @example
 * const retry = startAutoRetry({ hintSeconds: 30, probe, onBack: () => location.reload(), render })
 * button.onclick = () => retry.retryNow()
 */
export function startAutoRetry(options: AutoRetryOptions): AutoRetry {
  const environment = options.environment ?? browserEnvironment()
  let attempt = 0
  let remaining = retryDelaySeconds(attempt, options.hintSeconds, options.random)
  let probing = false
  let stopped = false
  let automatic = true
  let wasOffline = !environment.isOnline()

  const show = () => {
    if (stopped) return
    if (probing) options.render({ state: 'probing' })
    else if (!automatic) options.render({ state: 'off' })
    else if (!environment.isOnline()) options.render({ state: 'paused-offline' })
    else if (environment.isHidden()) options.render({ state: 'paused-hidden' })
    else options.render({ state: 'counting', seconds: remaining })
  }

  const probeNow = async () => {
    if (probing || stopped) return
    probing = true
    show()
    let back = false
    try {
      back = await options.probe()
    } catch {
      back = false
    }
    probing = false
    if (stopped) return
    if (back) {
      stop()
      options.onBack()
      return
    }
    attempt++
    remaining = retryDelaySeconds(attempt, options.hintSeconds, options.random)
    show()
  }

  const tick = () => {
    if (probing || stopped || !automatic) return
    if (!environment.isOnline() || environment.isHidden()) return show()
    remaining--
    if (remaining <= 0) void probeNow()
    else show()
  }

  const onEnvironmentChange = () => {
    const offline = !environment.isOnline()
    if (automatic && wasOffline && !offline && !environment.isHidden()) void probeNow()
    wasOffline = offline
    show()
  }

  const timer = setInterval(tick, 1000)
  const unsubscribe = environment.subscribe(onEnvironmentChange)
  function stop() {
    stopped = true
    clearInterval(timer)
    unsubscribe()
  }
  show()
  return {
    retryNow: () => void probeNow(),
    setAutomatic(on) {
      automatic = on
      // Back on: a full wait from now, not the few seconds that were left.
      if (on) remaining = retryDelaySeconds(attempt, options.hintSeconds, options.random)
      show()
    },
    stop,
  }
}

function browserEnvironment(): RetryEnvironment {
  return {
    isHidden: () => document.hidden,
    isOnline: () => navigator.onLine !== false,
    subscribe(listener) {
      document.addEventListener('visibilitychange', listener)
      addEventListener('online', listener)
      addEventListener('offline', listener)
      return () => {
        document.removeEventListener('visibilitychange', listener)
        removeEventListener('online', listener)
        removeEventListener('offline', listener)
      }
    },
  }
}
