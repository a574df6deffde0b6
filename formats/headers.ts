/**
 * Header names of the contract that more than one side reads or writes: the worker's help page
 * marks itself, the service marks a replayed report. Spelled here once.
 */
export const HEADERS = {
  /** `help-page` on the worker's help page, so tests, monitoring and support tell it from the app's own 503. */
  startupHelp: 'X-Startup-Help',
  /** `true` on a 201 that answers a report already stored (same `clientReportId`). */
  idempotentReplayed: 'Idempotent-Replayed',
  /** Seconds (or an HTTP date) to wait, on 429 and 503. */
  retryAfter: 'Retry-After',
  /** The stored report's reference (`SH-…`) on the empty 200 that answers a 1C `pushReport`. */
  reportReference: 'X-Startup-Help-Report',
  /** `counted` on a 1C `pushReport` answered without storing: the same error was stored often enough this hour. */
  duplicate: 'X-Startup-Help-Duplicate',
} as const

/** The value of {@link HEADERS.startupHelp} on the worker's help page. */
export const HELP_PAGE_MARK = 'help-page'
