import type { Context } from 'hono'
import { HEADERS } from '../../formats/headers.js'
import { jsonError } from '../errors.js'
import { StoreUnavailableError } from '../reports/store-health.js'
import { StatusFileBusyError } from '../status/edit-lock.js'

/** How soon to try again while the database is unreachable. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

/**
 * The 503 for a status storage that cannot answer now (database unreachable, status file locked
 * by a writer that hangs), with Retry-After; anything else is a real error and is thrown again.
 *
 * @example
 * try { await storage.read() } catch (error) { return storageFailure(c, error) }
 */
export function storageFailure(c: Context, error: unknown): Response {
  if (error instanceof StoreUnavailableError) {
    c.header(HEADERS.retryAfter, String(UNAVAILABLE_RETRY_AFTER_SECONDS))
    return jsonError(
      c,
      503,
      'store-unavailable',
      `the status document cannot be reached: ${error.message}`,
    )
  }
  if (error instanceof StatusFileBusyError) {
    c.header(HEADERS.retryAfter, '1')
    return jsonError(c, 503, 'busy', 'another save of the status file is running; try again')
  }
  throw error
}
