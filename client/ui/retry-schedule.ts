import type { HelpModel } from '../../formats/help-model.js'

/** First automatic retry when nothing says otherwise: soon enough to feel alive. */
export const FIRST_RETRY_SECONDS = 5
/**
 * Longest wait between automatic retries. Longer means fewer requests against a recovering
 * server from every open help page; shorter means users notice the recovery sooner.
 */
export const MAX_RETRY_SECONDS = 300

/**
 * Seconds before automatic retry number `attempt` (0-based): doubling from the hint (the failing
 * answer's `Retry-After` or the status's `retryAfterSeconds`, else 5 s) up to 5 minutes, with up
 * to 20 % jitter added (never subtracted: a `Retry-After` is a minimum) so that many users
 * don't all come back in the same second.
 *
 * @example
 * retryDelaySeconds(0, null, () => 0) // 5
 * retryDelaySeconds(2, 60, () => 0)   // 240
 */
export function retryDelaySeconds(
  attempt: number,
  hintSeconds: number | null,
  random: () => number = Math.random,
): number {
  const base = Math.max(1, hintSeconds ?? FIRST_RETRY_SECONDS)
  const grown = Math.min(base * 2 ** attempt, Math.max(MAX_RETRY_SECONDS, base))
  return Math.ceil(grown * (1 + 0.2 * random()))
}

/**
 * The retry hint of a help model: the larger of the failing answer's `Retry-After` and the
 * status's `retryAfterSeconds`, or `null` when neither is known.
 *
 * @example
 * retryHintSeconds(model) // 60
 */
export function retryHintSeconds(model: HelpModel): number | null {
  const hints = [model.retryAfterSeconds, model.known?.status.retryAfterSeconds ?? null].filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0,
  )
  return hints.length === 0 ? null : Math.max(...hints)
}
