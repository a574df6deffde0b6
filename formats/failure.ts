/**
 * One description of a failure, for every path that sees one: the service worker's failed
 * navigation, the page's failed request (`showStartupError`), and the report both send. The
 * same answer read by two paths gives the same facts, so two reports of one outage agree.
 */
import { HEADERS } from './headers.js'
import type { Failure, FailureKind } from './report.js'

/** Headers that carry a request id support can look up in the server logs, most specific first. */
export const REQUEST_ID_HEADERS = [
  'x-request-id',
  'x-correlation-id',
  'traceparent',
  'cf-ray',
] as const

/** A day: a `Retry-After` longer than that is a misconfiguration, not a plan. */
export const MAX_RETRY_AFTER_SECONDS = 86_400

/** The error code of a failure nothing more is known about. */
export const UNKNOWN_ERROR_CODE = 'unknown-error'

/** Anything with `get(name)`: a Fetch `Headers`, in any realm (page, worker, Node). */
export interface HeaderSource {
  get(name: string): string | null
}

/**
 * The request id of a failing answer: `X-Request-Id`, `X-Correlation-Id`, the trace id of a W3C
 * `traceparent` (a malformed one is skipped), or Cloudflare's `CF-Ray`; `null` when none is there.
 *
 * @example
 * requestIdFrom(new Headers({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }))
 * // '4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function requestIdFrom(headers: HeaderSource): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)?.trim()
    if (!value) continue
    if (name === 'traceparent') {
      const traceId = value.split('-')[1]
      if (traceId && /^[0-9a-f]{32}$/i.test(traceId)) return traceId.toLowerCase()
      continue
    }
    return value.slice(0, 256)
  }
  return null
}

/**
 * `Retry-After` as whole seconds from `nowMs`: delta-seconds or an HTTP-date, rounded up (a
 * `Retry-After` is a minimum); `null` when absent or unreadable; a date in the past is 0; capped
 * at {@link MAX_RETRY_AFTER_SECONDS} (a proxy's typo must not park the user for a week).
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const text = value?.trim()
  if (!text) return null
  const seconds = /^\d+$/.test(text) ? Number(text) : Math.ceil((Date.parse(text) - nowMs) / 1000)
  if (!Number.isFinite(seconds)) return null
  return Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS)
}

/** What a path knows about one failed request. */
export interface FailureFacts {
  kind: FailureKind
  url: string
  /** Defaults to `GET`. */
  method?: string
  /** ms since epoch when the request started; `null` when the caller does not know. */
  startedAt: number | null
  /** ms since epoch when the failure was seen. */
  failedAt: number
  /** The failing answer (`http-error` only). */
  response?: { status: number; headers: HeaderSource } | null
  /** Overrides the kind's code, e.g. {@link UNKNOWN_ERROR_CODE} for an error of unknown shape. */
  errorCode?: string
}

/** The described failure, and the answer's `Retry-After` in seconds (or `null`). */
export interface DescribedFailure {
  failure: Failure
  retryAfterSeconds: number | null
}

const CODES: Record<Exclude<FailureKind, 'http-error'>, string> = {
  offline: 'offline',
  timeout: 'timeout',
  unreachable: 'net-error',
}

/**
 * Describes a failure. `at` is when the request started (when the failure was seen if that is
 * unknown), `durationMs` how long it took to fail (`null` when the start is unknown), `errorCode`
 * `http-503`, `timeout`, `offline`, `net-error` or {@link UNKNOWN_ERROR_CODE}.
 *
 * @example
 * describeFailure({ kind: 'http-error', url: '/login', method: 'POST', startedAt, failedAt: Date.now(), response })
 * // { failure: { kind: 'http-error', status: 503, errorCode: 'http-503', requestId: 'req-42', … }, retryAfterSeconds: 30 }
 */
export function describeFailure(facts: FailureFacts): DescribedFailure {
  const base = {
    url: facts.url.slice(0, 2048),
    method: (facts.method ?? 'GET').toUpperCase().slice(0, 16),
    durationMs: facts.startedAt === null ? null : Math.max(0, facts.failedAt - facts.startedAt),
    at: new Date(facts.startedAt ?? facts.failedAt).toISOString(),
  }
  if (facts.kind === 'http-error' && facts.response) {
    const status = Math.min(Math.max(facts.response.status, 100), 599)
    return {
      failure: {
        ...base,
        kind: 'http-error',
        status,
        errorCode: (facts.errorCode ?? `http-${status}`).slice(0, 64),
        requestId: requestIdFrom(facts.response.headers),
      },
      retryAfterSeconds: parseRetryAfter(
        facts.response.headers.get(HEADERS.retryAfter),
        facts.failedAt,
      ),
    }
  }
  const kind = facts.kind === 'http-error' ? 'unreachable' : facts.kind
  return {
    failure: {
      ...base,
      kind,
      status: null,
      errorCode: (facts.errorCode ?? CODES[kind]).slice(0, 64),
      requestId: null,
    },
    retryAfterSeconds: null,
  }
}
