import { type DescribedFailure, describeFailure, UNKNOWN_ERROR_CODE } from '../formats/failure.js'

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

/** The failure and the answer's `Retry-After` in seconds (see formats/failure.ts). */
export type ClassifiedFailure = DescribedFailure

/**
 * Turns what a failed request produced (a thrown error or a failing Response) into the `Failure`
 * the help panel shows and the report sends, with the same description the service worker
 * gives a failed navigation. A Response is duck-typed, not `instanceof`-checked, because page
 * and service worker are different realms.
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
  const facts = {
    url: context.url ?? (isResponseLike(errorOrResponse) ? errorOrResponse.url : ''),
    method: context.method ?? 'GET',
    startedAt: context.startedAt ?? null,
    failedAt: context.now ?? Date.now(),
  }
  if (isResponseLike(errorOrResponse) && errorOrResponse.status >= 100) {
    return describeFailure({ ...facts, kind: 'http-error', response: errorOrResponse })
  }
  const online =
    context.online ?? (typeof navigator === 'undefined' ? true : navigator.onLine !== false)
  const name = errorName(errorOrResponse)
  if (!online) return describeFailure({ ...facts, kind: 'offline' })
  if (name === 'AbortError' || name === 'TimeoutError') {
    return describeFailure({ ...facts, kind: 'timeout' })
  }
  const knownShape = name === 'TypeError' || isResponseLike(errorOrResponse)
  return describeFailure({
    ...facts,
    kind: 'unreachable',
    ...(knownShape ? {} : { errorCode: UNKNOWN_ERROR_CODE }),
  })
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
