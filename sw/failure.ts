import { type DescribedFailure, describeFailure } from '../formats/failure.js'
import type { FailureKind } from '../formats/report.js'

export interface NavigationAttempt {
  url: string
  method: string
  startedAt: number
}

/**
 * The failure of a navigation, as the help page and the report describe it: the same
 * description (formats/failure.ts) the page gives a failed request of its own.
 *
 * @example
 * navigationFailure(attempt, { kind: 'http-error', response }, Date.now())
 * // { failure: { kind: 'http-error', status: 503, … }, retryAfterSeconds: 30 }
 */
export function navigationFailure(
  attempt: NavigationAttempt,
  outcome:
    | { kind: Exclude<FailureKind, 'http-error'> }
    | { kind: 'http-error'; response: Response },
  failedAt: number,
): DescribedFailure {
  return describeFailure({
    kind: outcome.kind,
    url: attempt.url,
    method: attempt.method,
    startedAt: attempt.startedAt,
    failedAt,
    response: outcome.kind === 'http-error' ? outcome.response : null,
  })
}
