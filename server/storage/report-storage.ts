import type { NewReport, StoredReport } from '../../formats/report.js'
import type { CountBucket, CountQuery } from './report-counts.js'
import type { PageResult, ReportQuery } from './report-query.js'
import type { ReportStoreHealth } from './store-health.js'

/** What the caller learns from `add`: the reference, and whether this call stored a new record. */
export interface AddResult {
  id: string
  receivedAt: string
  /** false when the same clientReportId was stored before (a replay): nothing new was written. */
  created: boolean
  /** The record written by this call; null for a replay. */
  record: StoredReport | null
}

/**
 * Where reports are kept: the data folder (`FolderReportStorage`) or PostgreSQL (`PostgresReportStorage`).
 * Both pass the one contract suite in tests/server/storage-contract.ts. `add` resolves only once
 * the report is durable (fsync'd or committed), and rejects with StoreUnavailableError while
 * reports cannot be stored, which the route turns into a 503 the browser retries.
 *
 * @example
 * const { id, created } = await storage.add(report)
 * const page = await storage.listPage({ app: null, sinceMs: null, limit: 50, cursor: null })
 * const open = await storage.listPage({ app: 'crm', sinceMs: null, kind: '1c', text: 'печать', handled: 'open', limit: 50 })
 * await storage.setHandled('SH-7K3M9Q', true, 'support', Date.now())
 * const bars = await storage.countByTime({ app: null, sinceMs, untilMs, kind: null }, 3_600_000)
 */
export interface ReportStorage {
  add(report: NewReport): Promise<AddResult>
  /** One stored report by reference, or null. */
  get(id: string): Promise<StoredReport | null>
  /**
   * One page, newest first, starting after `query.cursor`. Records carry `handled` (null: open).
   * A page can be shorter than `limit` (even empty) while `nextCursor` is not null: the folder
   * store bounds the reports it reads for a text search per call. Page on until it is null.
   */
  listPage(query: ReportQuery): Promise<PageResult<StoredReport>>
  /**
   * Marks a report handled (or open again, `handled` false) by `by` (an admin label) at `nowMs`;
   * resolves once durable, with the record as `get` gives it, or null when no such report.
   */
  setHandled(id: string, handled: boolean, by: string, nowMs: number): Promise<StoredReport | null>
  /**
   * Reports per time bucket (see `planBuckets`): every bucket, zeros included, oldest first.
   *
   * @throws CountRangeError for more than MAX_BUCKETS buckets or an empty range
   */
  countByTime(query: CountQuery, bucketMs: number): Promise<CountBucket[]>
  /** Whether reports can be stored now (checks, and recovers when it can). */
  health(): Promise<ReportStoreHealth>
  /** Finishes queued writes and frees what the store holds. */
  close(): Promise<void>
}
