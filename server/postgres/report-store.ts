import type { NewReport, StoredReport } from '../../formats/report.js'
import type { PageResult, ReportQuery } from '../reports/query.js'
import { createReference } from '../reports/reference-id.js'
import type { ReportStoreHealth } from '../reports/store-health.js'
import type { AddResult, ReportStorage } from '../storage/report-storage.js'
import { type Database, unavailable } from './database.js'

const DAY_MS = 86_400_000
/**
 * Batches committed at once, each on its own pool connection (8 of the default 10, leaving the
 * status follower and the outbox theirs). More in flight keep the pipeline full while a batch
 * waits for its WAL flush; on this shared 2-core box 8 measured 475–1,784 reports/s where 4
 * gave 483–1,692 (disk noise from other jobs dominates both ranges).
 */
const MAX_IN_FLIGHT = 8
/** Reports per INSERT at most: bounds one statement's size (a report is a few KB). */
const MAX_BATCH = 256

interface PendingAdd {
  report: NewReport
  receivedAt: string
  resolve: (result: AddResult) => void
  reject: (error: unknown) => void
}
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
  private readonly queue: PendingAdd[] = []
  private inFlight = 0

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

  /**
   * Stores a report; resolves once it is committed. Reports arriving while earlier ones are
   * being committed are written together by one INSERT (group commit: one WAL flush for the
   * batch, as the folder store shares one fsync), so durable reports per second grow with load.
   */
  add(report: NewReport): Promise<AddResult> {
    const receivedAt = new Date(this.now()).toISOString()
    return new Promise((resolve, reject) => {
      this.queue.push({ report, receivedAt, resolve, reject })
      this.pump()
    })
  }

  /** Starts batches while fewer than MAX_IN_FLIGHT run. */
  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH)
      this.inFlight += 1
      void this.flush(batch).finally(() => {
        this.inFlight -= 1
        this.pump()
      })
    }
  }

  private async flush(batch: PendingAdd[]): Promise<void> {
    // The same clientReportId twice in one batch: the first is written, the others answered by it.
    const owners = new Map<string, { pending: PendingAdd[]; record: StoredReport }>()
    for (const pending of batch) {
      const owner = owners.get(pending.report.clientReportId)
      if (owner) owner.pending.push(pending)
      else {
        const record = { id: '', receivedAt: pending.receivedAt, ...pending.report }
        owners.set(pending.report.clientReportId, { pending: [pending], record })
      }
    }
    const entries = [...owners.values()]
    try {
      const inserted = await this.insert(entries.map((entry) => entry.record))
      const missing = entries.filter((entry) => !inserted.has(entry.record.clientReportId))
      const known = await this.knownByClientId(missing.map((entry) => entry.record.clientReportId))
      this.markAvailable()
      for (const { pending, record } of entries) {
        const created = inserted.has(record.clientReportId)
        const earlier = known.get(record.clientReportId)
        if (!created && !earlier) {
          // Deleted by retention between the two statements: store it anew.
          this.queue.push(...pending)
          continue
        }
        const [first, ...replays] = pending
        const { id, receivedAt } = created
          ? record
          : (earlier as { id: string; receivedAt: string })
        first?.resolve({ id, receivedAt, created, record: created ? record : null })
        for (const replay of replays)
          replay.resolve({ id, receivedAt, created: false, record: null })
      }
    } catch (error) {
      const failure = this.markUnavailable(error)
      for (const pending of batch) pending.reject(failure)
    }
  }

  /**
   * Inserts the records (and their webhook deliveries) in one statement, so one commit; returns
   * the clientReportIds it stored (the others were stored before). A reference already taken
   * (32^6 of them) fails the statement: it runs again with fresh references.
   */
  private async insert(records: StoredReport[]): Promise<Set<string>> {
    for (;;) {
      for (const record of records) record.id = createReference()
      try {
        const { rows } = await this.db.pool.query<{ client_report_id: string }>(
          `WITH input AS (
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::json[])
               AS t(id, client_report_id, app, received_at, record)),
           inserted AS (
             INSERT INTO startup_help_reports (id, client_report_id, app, received_at, record)
             SELECT id, client_report_id, app, received_at, record FROM input
             ON CONFLICT (client_report_id) DO NOTHING
             RETURNING id, client_report_id, record),
           queued AS (
             INSERT INTO startup_help_outbox (report_id, payload)
             SELECT id, record FROM inserted WHERE $6::boolean)
           SELECT client_report_id FROM inserted`,
          [
            records.map((r) => r.id),
            records.map((r) => r.clientReportId),
            records.map((r) => r.app),
            records.map((r) => r.receivedAt),
            records.map((r) => JSON.stringify(r)),
            this.outbox,
          ],
        )
        return new Set(rows.map((row) => row.client_report_id))
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
      }
    }
  }

  private async knownByClientId(
    ids: string[],
  ): Promise<Map<string, { id: string; receivedAt: string }>> {
    if (ids.length === 0) return new Map()
    const { rows } = await this.db.pool.query<Row & { client_report_id: string }>(
      'SELECT id, client_report_id, received_at FROM startup_help_reports WHERE client_report_id = ANY($1)',
      [ids],
    )
    return new Map(
      rows.map((row) => [
        row.client_report_id,
        { id: row.id, receivedAt: row.received_at.toISOString() },
      ]),
    )
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

  /** Stops the hourly delete after the reports being written are committed (or refused). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    while (this.inFlight > 0 || this.queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
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
