import type { Report, StoredReport } from '../../formats/report.js'
import type { PageResult, ReportQuery } from '../reports/query.js'
import { createReference } from '../reports/reference-id.js'
import type { ReportStoreHealth } from '../reports/store-health.js'
import type { AddResult, ReportStorage } from '../storage/report-storage.js'
import { type Database, unavailable } from './database.js'

const DAY_MS = 86_400_000
/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505'

export interface PgReportStoreOptions {
  db: Database
  /** Reports older than this are deleted at open and every hour. Default 30. */
  retentionDays?: number
  now?: () => number
  log?: (line: string) => void
  /**
   * Queue each new report for the webhook in the same statement that stores it (see
   * PgOutbox), so a report is never stored without its delivery, whatever crashes.
   */
  outbox?: boolean
}

interface Row {
  id: string
  received_at: Date
  record: StoredReport
}

/**
 * Reports in PostgreSQL, shared by every instance. `add` resolves after the row is committed
 * (durable with the server's default synchronous_commit). The same clientReportId sent to two
 * instances at once is stored once (a unique constraint, `ON CONFLICT DO NOTHING`), and a
 * reference is unique across instances (a unique constraint; a clash draws again).
 *
 * @example
 * const store = await PgReportStore.open({ db })
 * const { id } = await store.add(report) // 'SH-7K3M9Q', committed
 */
export class PgReportStore implements ReportStorage {
  private readonly db: Database
  private readonly now: () => number
  private readonly log: (line: string) => void
  private readonly retentionMs: number
  private readonly outbox: boolean
  private timer: NodeJS.Timeout | null = null
  private problem: { reason: string; since: string } | null = null

  private constructor(options: PgReportStoreOptions) {
    this.db = options.db
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((line) => console.warn(line))
    this.retentionMs = (options.retentionDays ?? 30) * DAY_MS
    this.outbox = options.outbox ?? false
  }

  /**
   * Applies retention once and starts the hourly delete (each instance runs it; the deletes
   * are idempotent, so several instances doing it costs nothing but a query).
   */
  static async open(options: PgReportStoreOptions): Promise<PgReportStore> {
    const store = new PgReportStore(options)
    await store.deleteExpired()
    store.timer = setInterval(() => void store.deleteExpired().catch(() => {}), DAY_MS / 24)
    store.timer.unref()
    return store
  }

  async add(report: Report): Promise<AddResult> {
    const receivedAtMs = this.now()
    const receivedAt = new Date(receivedAtMs).toISOString()
    for (;;) {
      const id = createReference()
      const record: StoredReport = { id, receivedAt, ...report }
      try {
        // One statement, so one atomic commit: the report and (with a webhook) its delivery.
        const inserted = await this.db.pool.query(
          `WITH inserted AS (
             INSERT INTO startup_help_reports (id, client_report_id, app, received_at, record)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_report_id) DO NOTHING
             RETURNING id, record),
           queued AS (
             INSERT INTO startup_help_outbox (report_id, payload)
             SELECT id, record FROM inserted WHERE $6::boolean)
           SELECT id FROM inserted`,
          [id, report.clientReportId, report.app, receivedAt, JSON.stringify(record), this.outbox],
        )
        if (inserted.rowCount === 1) {
          this.markAvailable()
          return { id, receivedAt, created: true, record }
        }
        const known = await this.db.pool.query<Row>(
          'SELECT id, received_at FROM startup_help_reports WHERE client_report_id = $1',
          [report.clientReportId],
        )
        const row = known.rows[0]
        // Deleted by retention between the two statements: store it anew.
        if (!row) continue
        this.markAvailable()
        return {
          id: row.id,
          receivedAt: row.received_at.toISOString(),
          created: false,
          record: null,
        }
      } catch (error) {
        // A reference already taken (32^6 of them): draw another one.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) continue
        throw this.markUnavailable(error)
      }
    }
  }

  async get(id: string): Promise<StoredReport | null> {
    const { rows } = await this.query<Row>(
      'SELECT record FROM startup_help_reports WHERE id = $1',
      [id],
    )
    return rows[0]?.record ?? null
  }

  async listPage(query: ReportQuery): Promise<PageResult<StoredReport>> {
    let before: string | null = null
    if (query.cursor) {
      const { rows } = await this.query<{ seq: string }>(
        'SELECT seq FROM startup_help_reports WHERE id = $1',
        [query.cursor],
      )
      const seq = rows[0]?.seq
      if (seq === undefined) {
        return {
          ok: false,
          field: 'cursor',
          message: `${query.cursor} is no longer stored (past retention?); list again from the start`,
        }
      }
      before = seq
    }
    // One more than asked tells whether a next page exists.
    const { rows } = await this.query<Row>(
      `SELECT id, record FROM startup_help_reports
       WHERE ($1::bigint IS NULL OR seq < $1) AND ($2::text IS NULL OR app = $2)
         AND ($3::timestamptz IS NULL OR received_at >= $3)
       ORDER BY seq DESC LIMIT $4`,
      [
        before,
        query.app,
        query.sinceMs === null ? null : new Date(query.sinceMs).toISOString(),
        query.limit + 1,
      ],
    )
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return {
      ok: true,
      items: page.map((row) => row.record),
      nextCursor: rows.length > query.limit && last ? last.id : null,
    }
  }

  async health(): Promise<ReportStoreHealth> {
    try {
      await this.db.pool.query('SELECT 1')
      this.markAvailable()
    } catch (error) {
      this.markUnavailable(error)
    }
    const { problem } = this
    return problem === null
      ? { writable: true, reason: null, since: null }
      : { writable: false, reason: problem.reason, since: problem.since }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Deletes reports past retention; returns how many. */
  async deleteExpired(): Promise<number> {
    const cutoff = new Date(this.now() - this.retentionMs).toISOString()
    const { rowCount } = await this.query(
      'DELETE FROM startup_help_reports WHERE received_at < $1',
      [cutoff],
    )
    if (rowCount) this.log(`reports: dropped ${rowCount} report(s) older than the retention period`)
    return rowCount ?? 0
  }

  private async query<R extends object>(sql: string, values: unknown[]) {
    try {
      return await this.db.pool.query<R>(sql, values)
    } catch (error) {
      throw this.markUnavailable(error)
    }
  }

  private markUnavailable(error: unknown) {
    const failure = unavailable(error)
    if (this.problem?.reason !== failure.message) {
      this.log(
        `reports: NOT STORING REPORTS: ${failure.message}; browsers keep them and send them again`,
      )
    }
    this.problem = {
      reason: failure.message,
      since: this.problem?.since ?? new Date(this.now()).toISOString(),
    }
    return failure
  }

  private markAvailable(): void {
    if (this.problem === null) return
    this.log(`reports: storing reports again (after: ${this.problem.reason})`)
    this.problem = null
  }
}
