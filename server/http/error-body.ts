import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, ErrorCode } from '../../formats/error-body.js'

export type { ErrorBody, ErrorCode }

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
