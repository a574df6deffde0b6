import { UnavailableError } from '../http/unavailable.js'

/**
 * Another writer held the status file's lock longer than a save can take: an `UnavailableError`
 * (503 `busy`, Retry-After 1 s), since the writer ahead will be done or given up by then.
 *
 * @example
 * throw new StatusFileBusyError('another writer (pid 4242) holds the status file')
 */
export class StatusFileBusyError extends UnavailableError {
  override readonly name = 'StatusFileBusyError'
  constructor(message: string) {
    super(message, { retryAfterSeconds: 1, code: 'busy' })
  }
}
