import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Stable, kebab-case error codes; tests assert the code, people read the message. */
export type ErrorCode =
  | 'bad-request'
  | 'invalid-json'
  | 'invalid-field'
  | 'unauthorized'
  | 'forbidden'
  | 'admin-disabled'
  | 'not-found'
  | 'precondition-failed'
  | 'precondition-required'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'status-file-invalid'
  | 'busy'
  | 'store-unavailable'
  | 'internal'

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string }
}

/**
 * Answers with the one error shape of the API: `{ "error": { "code", "message", "field"? } }`.
 *
 * @example
 * return jsonError(c, 400, 'invalid-field', 'must be an ISO 8601 date-time', 'expires')
 */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  field?: string,
): Response {
  const body: ErrorBody = {
    error: field === undefined ? { code, message } : { code, message, field },
  }
  return c.json(body, status)
}
