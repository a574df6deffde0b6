import type { NewReport, StoredReport } from '../../formats/report.js'
import type { PageResult, ReportQuery } from '../reports/query.js'
import type { ReportStoreHealth } from '../reports/store-health.js'

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
 * Where reports are kept: the data folder (`ReportFileStore`) or PostgreSQL (`PgReportStore`).
 * Both pass the one contract suite in tests/server/storage-contract.ts. `add` resolves only once
 * the report is durable (fsync'd or committed), and rejects with StoreUnavailableError while
 * reports cannot be stored, which the route turns into a 503 the browser retries.
 *
 * @example
 * const { id, created } = await storage.add(report)
 * const page = await storage.listPage({ app: null, sinceMs: null, limit: 50, cursor: null })
 */
export interface ReportStorage {
  add(report: NewReport): Promise<AddResult>
  /** One stored report by reference, or null. */
  get(id: string): Promise<StoredReport | null>
  /** One page, newest first, starting after `query.cursor`. */
  listPage(query: ReportQuery): Promise<PageResult<StoredReport>>
  /** Whether reports can be stored now (checks, and recovers when it can). */
  health(): Promise<ReportStoreHealth>
  /** Finishes queued writes and frees what the store holds. */
  close(): Promise<void>
}
