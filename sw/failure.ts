import type { Failure, FailureKind } from '../formats/report.js'

/** Headers a proxy or app server uses to tag a request, so support can find it in the logs. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'traceparent', 'cf-ray'] as const

/**
 * The request id the failing answer carried, if any.
 *
 * @example
 * requestIdOf(response.headers) // 'req-42'
 */
export function requestIdOf(headers: Headers): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)
    if (value) return value.slice(0, 256)
  }
  return null
}

/**
 * Seconds to wait from a `Retry-After` header (delta-seconds or HTTP-date); `null` when absent
 * or unreadable. Capped at a day: a proxy's typo must not park the user for a week.
 *
 * @example
 * retryAfterSeconds(new Headers({ 'retry-after': '30' }), Date.now()) // 30
 */
export function retryAfterSeconds(headers: Headers, nowMs: number): number | null {
  const raw = headers.get('retry-after')?.trim()
  if (!raw) return null
  const seconds = /^\d+$/.test(raw) ? Number(raw) : (Date.parse(raw) - nowMs) / 1000
  if (!Number.isFinite(seconds)) return null
  return Math.min(Math.max(0, Math.round(seconds)), 86_400)
}

export interface NavigationAttempt {
  url: string
  method: string
  startedAt: number
}

/**
 * The failure of a navigation, as the help page and the report describe it.
 *
 * @example
 * navigationFailure(attempt, { kind: 'http-error', response }, Date.now())
 */
export function navigationFailure(
  attempt: NavigationAttempt,
  outcome:
    | { kind: Exclude<FailureKind, 'http-error'> }
    | { kind: 'http-error'; response: Response },
  nowMs: number,
): Failure {
  const base = {
    url: attempt.url.slice(0, 2048),
    method: attempt.method,
    durationMs: Math.max(0, nowMs - attempt.startedAt),
    at: new Date(attempt.startedAt).toISOString(),
  }
  if (outcome.kind === 'http-error') {
    const { status, headers } = outcome.response
    return {
      ...base,
      kind: 'http-error',
      status,
      errorCode: `http-${status}`,
      requestId: requestIdOf(headers),
    }
  }
  const errorCode =
    outcome.kind === 'timeout' ? 'timeout' : outcome.kind === 'offline' ? 'offline' : 'net-error'
  return { ...base, kind: outcome.kind, status: null, errorCode, requestId: null }
}
