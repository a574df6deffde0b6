import * as z from 'zod/mini'
import type { OneCReport } from './onec.js'
import { appIdSchema, instantSchema } from './primitives.js'

/** How a failure looks to the user; each kind has its own title on the help page. */
export const FAILURE_KINDS = ['offline', 'unreachable', 'timeout', 'http-error'] as const
export type FailureKind = (typeof FAILURE_KINDS)[number]

const text = (max: number) =>
  z.string().check(z.maxLength(max, { error: `must be at most ${max} characters` }))

/** The failure the user hit, as the service worker or the page saw it. */
export const failureSchema = z.strictObject({
  kind: z.enum(FAILURE_KINDS, { error: `must be one of ${FAILURE_KINDS.join(', ')}` }),
  url: text(2048),
  method: text(16),
  status: z.nullable(z.int().check(z.minimum(100), z.maximum(599))),
  /** How long the request took to fail; null when its start is unknown. */
  durationMs: z.nullable(z.number().check(z.minimum(0))),
  /** When the request started (when the failure was seen, if the start is unknown). */
  at: instantSchema,
  /** A short code for support, e.g. `net-error`, `timeout`, `http-503`. */
  errorCode: text(64),
  /** The request id the failing answer carried (X-Request-Id, traceparent, CF-Ray), if any. */
  requestId: z.optional(z.nullable(text(256))),
})

/** The client's idempotency id: a replayed report with the same id is stored once. */
export const CLIENT_REPORT_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * A diagnostic report as the browser sends it to `POST /v1/reports`. Redacted before it leaves:
 * no cookies, tokens, headers or form values.
 *
 * @example
 * const parsed = reportSchema.safeParse(body)
 */
export const reportSchema = z.strictObject({
  clientReportId: z
    .string()
    .check(
      z.regex(CLIENT_REPORT_ID_PATTERN, { error: 'must be 16–64 characters of A-Z a-z 0-9 _ -' }),
    ),
  app: z.nullable(appIdSchema),
  appVersion: z.nullable(text(64)),
  libraryVersion: text(32),
  createdAt: instantSchema,
  pageUrl: text(2048),
  failure: failureSchema,
  browser: z.strictObject({
    userAgent: text(512),
    language: text(35),
    timeZone: text(64),
    online: z.boolean(),
  }),
  serviceWorker: z.strictObject({
    state: z.enum(['controlling', 'installed', 'none', 'unsupported']),
    lastSuccessfulLoad: z.nullable(instantSchema),
  }),
  shownMessage: z.nullable(text(4000)),
  comment: z.optional(text(2000)),
  contact: z.optional(text(200)),
})

export type Report = z.infer<typeof reportSchema>
export type Failure = z.infer<typeof failureSchema>

/** Where a stored report came from; records written before 1C support have no `source` (browser). */
export type ReportSource = 'browser' | '1c'

/** A file kept beside a report (a 1C screenshot), by content: `key` names it in the attachment store. */
export interface ReportAttachment {
  role: 'screenshot'
  /** The entry's name in the ZIP it came in, e.g. `screenshot.png`. */
  name: string
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/bmp' | 'application/octet-stream'
  bytes: number
  sha256: string
  /** `<sha256>.<ext>`; `GET /v1/reports/:id/attachments/:key` serves it to admins. */
  key: string
}

/**
 * A 1C:Enterprise error report as the service stores it: the structured fields of its
 * `report.json`, the screenshot as an attachment, and what could not be kept and why.
 */
export interface OneCReportInput {
  source: '1c'
  /** `1c-` + the report's own id, or + a hash of its ZIP: a resent ZIP is stored once. */
  clientReportId: string
  /** The app whose `oneCConfigNames` list the report's configuration; null when none does. */
  app: string | null
  report: OneCReport
  attachments: ReportAttachment[]
  /** Other ZIP entries, by name: listed, not kept. */
  otherFiles: string[]
  /** Why a file the report names was not kept (too large, missing), one line each. */
  problems: string[]
  /**
   * Times 1C reported the same error (client + application stack hash) in the hour before: its
   * getInfo calls and the pushReports counted instead of stored; at most 100.
   */
  similarInLastHour: number
}

/** What the report store is given: a browser report or a 1C report. */
export type NewReport = Report | OneCReportInput

/** Who marked a report handled in the support inbox, and when. */
export interface HandledMark {
  /** ISO 8601 instant of the mark. */
  at: string
  /** The admin token's label (or `admin`). */
  by: string
}

interface StoredFields {
  /** Human-friendly reference shown to the user, e.g. `SH-7K3M9Q`. */
  id: string
  receivedAt: string
  /**
   * Whether support has dealt with it; null = open. Kept apart from the report (a sidecar log, a
   * column), so it is set on what the stores give back (`get`, `listPage`, `setHandled`) and
   * absent from the record `add` returns and the webhook gets, and from lines written before it.
   */
  handled?: HandledMark | null
}

/** A browser report as stored; `source` is absent on records written before 1C support. */
export type StoredBrowserReport = Report & StoredFields & { source?: 'browser' }
/** A 1C report as stored. */
export type StoredOneCReport = OneCReportInput & StoredFields

/** A report as the service stores and lists it. */
export type StoredReport = StoredBrowserReport | StoredOneCReport

/**
 * True for a stored 1C report (its fields differ from a browser report's).
 *
 * @example
 * if (isOneCReport(record)) console.log(record.report.configInfo?.name)
 */
export function isOneCReport(record: StoredReport): record is StoredOneCReport {
  return record.source === '1c'
}
