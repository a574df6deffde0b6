import { UnavailableError } from '../http/unavailable.js'

/** How soon to try again while a store cannot answer (seconds). */
const STORE_RETRY_AFTER_SECONDS = 5

/**
 * A store cannot answer right now (folder gone, disk full or read-only, database unreachable);
 * the message says which. An `UnavailableError`: routes answer it with 503 + Retry-After.
 *
 * @example
 * throw new StoreUnavailableError('the disk is full (ENOSPC)')
 */
export class StoreUnavailableError extends UnavailableError {
  override readonly name = 'StoreUnavailableError'
  constructor(message: string) {
    super(message, { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS })
  }
}

/** What `/healthz` tells about the report store. */
export interface ReportStoreHealth {
  writable: boolean
  /** Why reports are refused now, or null. Never a path: `/healthz` is public. */
  reason: string | null
  /** Since when (ISO), or null. */
  since: string | null
}
