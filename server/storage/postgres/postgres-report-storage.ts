import type { NewReport, StoredReport } from '../../../formats/report.js'
import { createReference } from '../reference-id.js'
import { type CountBucket, type CountQuery, fillBuckets, planBuckets } from '../report-counts.js'
import type { PageResult, ReportQuery } from '../report-query.js'
import type { AddResult, ReportStorage } from '../report-storage.js'
import type { ReportStoreHealth } from '../store-health.js'
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
   * PostgresOutbox), so a report is never stored without its delivery, whatever crashes.
   */
  outbox?: boolean
}

interface Row {
  id: string
  received_at: Date
  record: StoredReport
}

/** A row as read back: the record and its handled mark (its own columns). */
interface MarkedRow {
  record: StoredReport
  handled_at: Date | null
  handled_by: string | null
}

const MARKED_COLUMNS = 'record, handled_at, handled_by'

function withHandled(row: MarkedRow): StoredReport {
  const handled =
    row.handled_at === null ? null : { at: row.handled_at.toISOString(), by: row.handled_by ?? '' }
  return { ...row.record, handled }
}

/** The `kind` filter over the stored JSON: `1c` for a 1C report, else the failure's kind. */
const KIND_SQL = `(CASE WHEN record->>'source' = '1c' THEN '1c' ELSE record->'failure'->>'kind' END)`
/** What the user wrote (see commentOf): a browser report's comment, a 1C error description. */
const COMMENT_SQL = `COALESCE(record->>'comment', record->'report'->'errorInfo'->>'userDescription', '')`

/** `%text%` for ILIKE, with the user's `%`, `_` and `\` matching themselves. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`
}

/**
 * Reports in PostgreSQL, shared by every instance. `add` resolves after the row is committed
 * (durable with the server's default synchronous_commit). The same clientReportId sent to two
 * instances at once is stored once (a unique constraint, `ON CONFLICT DO NOTHING`), and a
 * reference is unique across instances (a unique constraint; a clash draws again).
 *
 * @example
 * const store = await PostgresReportStorage.open({ db })
 * const { id } = await store.add(report) // 'SH-7K3M9Q', committed
 */
export class PostgresReportStorage implements ReportStorage {
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
  static async open(options: PgReportStoreOptions): Promise<PostgresReportStorage> {
    const store = new PostgresReportStorage(options)
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
    const { rows } = await this.query<MarkedRow>(
      `SELECT ${MARKED_COLUMNS} FROM startup_help_reports WHERE id = $1`,
      [id],
    )
    return rows[0] ? withHandled(rows[0]) : null
  }

  /**
   * Marks a report handled (or open again) in its own columns; resolves once committed.
   *
   * @example
   * const record = await store.setHandled('SH-7K3M9Q', true, 'support', Date.now())
   */
  async setHandled(
    id: string,
    handled: boolean,
    by: string,
    nowMs: number,
  ): Promise<StoredReport | null> {
    const { rows } = await this.query<MarkedRow>(
      `UPDATE startup_help_reports SET handled_at = $2, handled_by = $3 WHERE id = $1
       RETURNING ${MARKED_COLUMNS}`,
      [id, handled ? new Date(nowMs).toISOString() : null, handled ? by : null],
    )
    return rows[0] ? withHandled(rows[0]) : null
  }

  /**
   * Reports per time bucket in one GROUP BY (zeros filled in here).
   *
   * @example
   * await store.countByTime({ app: null, sinceMs, untilMs, kind: '1c' }, 86_400_000)
   */
  async countByTime(query: CountQuery, bucketMs: number): Promise<CountBucket[]> {
    const plan = planBuckets(query, bucketMs)
    // numeric, not float: epoch milliseconds divided exactly, so a report on a bucket's edge
    // lands in the same bucket as in the folder store.
    const { rows } = await this.query<{ start_ms: string; count: number }>(
      `SELECT (floor(extract(epoch FROM received_at) * 1000 / $1::numeric) * $1::numeric)::bigint
                AS start_ms, count(*)::int AS count
       FROM startup_help_reports
       WHERE received_at >= $2 AND received_at < $3 AND ($4::text IS NULL OR app = $4)
         AND ($5::text IS NULL OR ${KIND_SQL} = $5)
       GROUP BY 1`,
      [
        bucketMs,
        new Date(query.sinceMs).toISOString(),
        new Date(query.untilMs).toISOString(),
        query.app,
        query.kind,
      ],
    )
    return fillBuckets(
      plan,
      bucketMs,
      new Map(rows.map((row) => [Number(row.start_ms), row.count])),
    )
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
    const instant = (ms: number | null | undefined) =>
      ms === null || ms === undefined ? null : new Date(ms).toISOString()
    // One more than asked tells whether a next page exists. ILIKE folds case as the database's
    // locale (LC_CTYPE) does: a database made with the plain C locale folds only ASCII letters.
    const { rows } = await this.query<MarkedRow & { id: string }>(
      `SELECT id, ${MARKED_COLUMNS} FROM startup_help_reports
       WHERE ($1::bigint IS NULL OR seq < $1) AND ($2::text IS NULL OR app = $2)
         AND ($3::timestamptz IS NULL OR received_at >= $3)
         AND ($4::timestamptz IS NULL OR received_at < $4)
         AND ($5::text IS NULL OR ${KIND_SQL} = $5)
         AND ($6::text IS NULL OR ${COMMENT_SQL} ILIKE $6 OR id ILIKE $6)
         AND ($7::text IS NULL OR (handled_at IS NOT NULL) = ($7 = 'handled'))
       ORDER BY seq DESC LIMIT $8`,
      [
        before,
        query.app,
        instant(query.sinceMs),
        instant(query.untilMs),
        query.kind ?? null,
        query.text ? containsPattern(query.text) : null,
        query.handled ?? null,
        query.limit + 1,
      ],
    )
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return {
      ok: true,
      items: page.map(withHandled),
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
