/**
 * The one error shape of the HTTP API, `{ "error": { "code", "message", "field"? } }`: the
 * service answers it (server/http/error-body.ts) and the page reads it (client/report/post-report.ts).
 */

/** Stable, kebab-case error codes; tests assert the code, people read the message. */
export type ErrorCode =
  | 'bad-request'
  | 'invalid-json'
  | 'invalid-field'
  | 'invalid-zip'
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
  | 'version-invalid'
  | 'busy'
  | 'store-unavailable'
  | 'internal'

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string }
}

/**
 * The error of an answer's body when it has the API's error shape, else null.
 *
 * @example
 * errorOf(await response.json()) // { code: 'invalid-field', message: '…', field: 'failure.url' }
 */
export function errorOf(body: unknown): { code: string; message: string; field?: string } | null {
  const error = (body as { error?: unknown } | null)?.error as
    | { code?: unknown; message?: unknown; field?: unknown }
    | undefined
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return null
  return typeof error.field === 'string'
    ? { code: error.code, message: error.message, field: error.field }
    : { code: error.code, message: error.message }
}
