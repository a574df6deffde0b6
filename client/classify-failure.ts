import type { Failure } from '../formats/report.js'

/** What the caller knows about the failed request besides the error or answer itself. */
export interface FailureContext {
  /** The request URL; defaults to `response.url` for a Response, else `''`. */
  url?: string
  /** Defaults to `GET`. */
  method?: string
  /** `Date.now()` when the request started, for `durationMs`. */
  startedAt?: number
  /** Injected clock (ms since epoch); defaults to `Date.now()`. */
  now?: number
  /** Device online state; defaults to `navigator.onLine` where there is a navigator. */
  online?: boolean
}

export interface ClassifiedFailure {
  failure: Failure
  /** Seconds from the answer's `Retry-After` (seconds or HTTP-date), or `null`. */
  retryAfterSeconds: number | null
}

/** Headers that carry a request id support can look up in the server logs, most specific first. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'traceparent', 'cf-ray'] as const

/** A day: a `Retry-After` longer than that is a misconfiguration, not a plan. */
const MAX_RETRY_AFTER_SECONDS = 86_400

/**
 * Turns what a failed request produced (a thrown error or a failing Response) into the `Failure`
 * the help panel shows and the report sends. A Response is duck-typed, not `instanceof`-checked,
 * because page and service worker are different realms.
 *
 * @example
 * try {
 *   const res = await fetch('/login', { method: 'POST', body })
 *   if (res.status >= 500) classifyFailure(res, { method: 'POST' }) // kind 'http-error'
 * } catch (error) {
 *   classifyFailure(error, { url: '/login', method: 'POST' }) // 'offline' | 'timeout' | 'unreachable'
 * }
 */
export function classifyFailure(
  errorOrResponse: unknown,
  context: FailureContext = {},
): ClassifiedFailure {
  const now = context.now ?? Date.now()
  const base = {
    url: clip(context.url ?? (isResponseLike(errorOrResponse) ? errorOrResponse.url : ''), 2048),
    method: clip((context.method ?? 'GET').toUpperCase(), 16),
    durationMs: context.startedAt === undefined ? null : Math.max(0, now - context.startedAt),
    at: new Date(now).toISOString(),
  }

  if (isResponseLike(errorOrResponse) && errorOrResponse.status >= 100) {
    const { status, headers } = errorOrResponse
    return {
      failure: {
        ...base,
        kind: 'http-error',
        status: Math.min(status, 599),
        errorCode: `http-${status}`,
        requestId: requestIdFrom(headers),
      },
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after'), now),
    }
  }

  const online =
    context.online ?? (typeof navigator === 'undefined' ? true : navigator.onLine !== false)
  const name = errorName(errorOrResponse)
  const [kind, errorCode] = !online
    ? (['offline', 'offline'] as const)
    : name === 'AbortError' || name === 'TimeoutError'
      ? (['timeout', 'timeout'] as const)
      : name === 'TypeError' || isResponseLike(errorOrResponse)
        ? (['unreachable', 'net-error'] as const)
        : (['unreachable', 'unknown-error'] as const)
  return {
    failure: { ...base, kind, status: null, errorCode, requestId: null },
    retryAfterSeconds: null,
  }
}

/**
 * `Retry-After` as whole seconds from `now`: delta-seconds or an HTTP-date; `null` when absent or
 * unreadable. A date in the past means "now" (0).
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS)
  const date = Date.parse(text)
  if (!Number.isFinite(date)) return null
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), MAX_RETRY_AFTER_SECONDS)
}

/**
 * The request id of a failing answer: `X-Request-Id`, `X-Correlation-Id`, the trace id of a W3C
 * `traceparent`, or Cloudflare's `CF-Ray`; `null` when none is there.
 *
 * @example
 * requestIdFrom(new Headers({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }))
 * // '4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function requestIdFrom(headers: { get(name: string): string | null }): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)?.trim()
    if (!value) continue
    if (name === 'traceparent') {
      const traceId = value.split('-')[1]
      if (traceId && /^[0-9a-f]{32}$/i.test(traceId)) return traceId
      continue
    }
    return clip(value, 256)
  }
  return null
}

interface ResponseLike {
  status: number
  url: string
  headers: { get(name: string): string | null }
}

function isResponseLike(value: unknown): value is ResponseLike {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<ResponseLike>
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.url === 'string' &&
    typeof candidate.headers?.get === 'function'
  )
}

function errorName(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'name' in value) {
    return String((value as { name: unknown }).name)
  }
  return ''
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text
}
