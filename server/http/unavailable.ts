import type { Context } from 'hono'
import type { ErrorCode } from '../../formats/error-body.js'
import { HEADERS } from '../../formats/headers.js'
import { jsonError } from './error-body.js'

/**
 * Something the service needs cannot answer now but will again (database unreachable, disk
 * full, the status file locked by a hanging writer): every route answers it the same way, a 503
 * with `Retry-After` (`answerUnavailable`). `code` is the error body's code.
 *
 * @example
 * throw new UnavailableError('the database is unreachable', { retryAfterSeconds: 5 })
 */
export class UnavailableError extends Error {
  override readonly name: string = 'UnavailableError'
  readonly code: ErrorCode
  /** How soon a client should try again (seconds). */
  readonly retryAfterSeconds: number

  constructor(message: string, options: { retryAfterSeconds: number; code?: ErrorCode }) {
    super(message)
    this.retryAfterSeconds = options.retryAfterSeconds
    this.code = options.code ?? 'store-unavailable'
  }
}

export interface UnavailableAnswer {
  /** The message of the answer; default the error's own. */
  message?: string
  /** Overrides the error's Retry-After (a report queue in the browser need not come back soon). */
  retryAfterSeconds?: number
}

/**
 * The one answer for an `UnavailableError`: `503 { error: { code, message } }` with Retry-After.
 *
 * @example
 * if (error instanceof UnavailableError) return answerUnavailable(c, error, { retryAfterSeconds: 30 })
 */
export function answerUnavailable(
  c: Context,
  error: UnavailableError,
  answer: UnavailableAnswer = {},
): Response {
  c.header(HEADERS.retryAfter, String(answer.retryAfterSeconds ?? error.retryAfterSeconds))
  return jsonError(c, 503, error.code, answer.message ?? error.message)
}

/**
 * A status storage call's failure as an answer: an `UnavailableError` becomes the 503 (the status
 * file busy, or the document out of reach), anything else is a real error and is thrown again.
 *
 * @example
 * try { await storage.read() } catch (error) { return storageFailure(c, error) }
 */
export function storageFailure(c: Context, error: unknown): Response {
  if (!(error instanceof UnavailableError)) throw error
  const message =
    error.code === 'busy'
      ? 'another save of the status file is running; try again'
      : `the status document cannot be reached: ${error.message}`
  return answerUnavailable(c, error, { message })
}
