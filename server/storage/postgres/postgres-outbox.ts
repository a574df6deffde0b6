import type { PoolClient } from 'pg'
import type { Delivery, WebhookForwarder } from '../webhook-outbox.js'
import type { Database } from './database.js'

export interface PgOutboxOptions {
  db: Database
  /** Where stored reports are POSTed as JSON. */
  url: string
  /** Tries per report, the first included; then the delivery is dead (kept, shown to admins). Default 6. */
  attempts?: number
  /** Wait before the second try, doubling each time. Default 2000 ms. */
  baseDelayMs?: number
  /** Longest wait between tries. Default 60 s. */
  maxDelayMs?: number
  /** One try gives up after this long; the claimed rows stay locked meanwhile. Default 10 s. */
  timeoutMs?: number
  /** How often due deliveries are looked for when nothing pokes the worker. Default 1 s. */
  pollIntervalMs?: number
  /**
   * Deliveries claimed per round. Rows stay locked (FOR UPDATE) while their POSTs run, so a
   * larger batch holds more rows away from the other instances for up to `timeoutMs`.
   */
  batchSize?: number
  log?: (line: string) => void
}

/** One webhook delivery as admins see it (`GET /v1/reports/deliveries`, `reports deliveries`). */
interface OutboxRow {
  seq: string
  payload: unknown
  attempts: number
}

/**
 * Webhook delivery through the database: each new report is queued in the statement that stores
 * it (PostgresReportStorage `outbox: true`); every instance runs this worker, which claims due rows with
 * `FOR UPDATE SKIP LOCKED` (a row is worked by one instance at a time), POSTs them, and marks
 * them delivered, or schedules the next try with exponential backoff, or after the last try
 * marks them dead. A crash mid-delivery rolls the claim back, so another instance (or this one
 * after a restart) delivers it: at least once, the body carries `id` to dedupe.
 *
 * @example
 * const outbox = new PostgresOutbox({ db, url: 'https://chat.example.com/hooks/support' }).start()
 * await outbox.list('dead')
 */
export class PostgresOutbox implements WebhookForwarder {
  private readonly options: PgOutboxOptions
  private readonly log: (line: string) => void
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private closed = false

  constructor(options: PgOutboxOptions) {
    this.options = options
    this.log = options.log ?? ((line) => console.warn(line))
  }

  start(): this {
    this.timer = setInterval(() => this.forward(), this.options.pollIntervalMs ?? 1_000)
    this.timer.unref()
    this.forward()
    return this
  }

  /** The report is already queued by its INSERT: this only wakes the worker. */
  forward(): void {
    if (this.closed) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.forward()
      }
    })
  }

  /** Claimed deliveries in flight in this instance (the queue itself is in the database). */
  get pending(): number {
    return this.running ? 1 : 0
  }

  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  close(): void {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
  }

  /**
   * Deliveries in one state (null: all), newest first (at most 500).
   *
   * @example
   * const dead = await outbox.list('dead')
   */
  list(state: Delivery['state'] | null): Promise<Delivery[]> {
    return listDeliveries(this.options.db, state)
  }

  /** Claims and works due rows until none is left; a database outage ends the round quietly. */
  private async drain(): Promise<void> {
    try {
      while (!this.closed && (await this.round()) > 0) {}
    } catch (error) {
      // The next poll tries again; the rows are safe in the table.
      this.log(`reports: webhook outbox: ${(error as Error).message}`)
    }
  }

  private async round(): Promise<number> {
    const client = await this.options.db.pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<OutboxRow>(
        `SELECT seq::text AS seq, payload, attempts FROM startup_help_outbox
         WHERE state = 'pending' AND next_attempt_at <= now()
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 10],
      )
      // The POSTs side by side; the updates one after the other (one connection, one query at a time).
      const failures = await Promise.all(rows.map((row) => this.post(row.payload)))
      for (const [index, row] of rows.entries())
        await this.record(client, row, failures[index] ?? null)
      await client.query('COMMIT')
      return rows.length
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  /** Marks a try's outcome: delivered, the next try scheduled, or dead after the last one. */
  private async record(client: PoolClient, row: OutboxRow, failure: string | null): Promise<void> {
    const attempts = row.attempts + 1
    if (failure === null) {
      await client.query(
        `UPDATE startup_help_outbox SET state = 'delivered', attempts = $2, done_at = now(), last_error = NULL WHERE seq = $1`,
        [row.seq, attempts],
      )
      return
    }
    const max = this.options.attempts ?? 6
    if (attempts >= max) {
      const id = (row.payload as { id?: string }).id
      this.log(
        `reports: webhook gave up on ${id} after ${attempts} tries (${failure}); see "reports deliveries --state dead"`,
      )
      await client.query(
        `UPDATE startup_help_outbox SET state = 'dead', attempts = $2, last_error = $3, done_at = now() WHERE seq = $1`,
        [row.seq, attempts, failure],
      )
      return
    }
    const delay = Math.min(
      this.options.maxDelayMs ?? 60_000,
      (this.options.baseDelayMs ?? 2_000) * 2 ** (attempts - 1),
    )
    await client.query(
      `UPDATE startup_help_outbox SET attempts = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE seq = $1`,
      [row.seq, attempts, failure, delay],
    )
  }

  private async post(payload: unknown): Promise<string | null> {
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'startup-help' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      })
      await response.arrayBuffer().catch(() => undefined)
      return response.ok ? null : `HTTP ${response.status}`
    } catch (error) {
      return (error as Error).message
    }
  }
}

/**
 * Webhook deliveries in one state (null: all), newest first, at most 500: what admins read to
 * find dead ones (`GET /v1/reports/deliveries?state=dead`, `reports deliveries --state dead`).
 *
 * @example
 * const dead = await listDeliveries(db, 'dead')
 */
export async function listDeliveries(
  db: Database,
  state: Delivery['state'] | null,
): Promise<Delivery[]> {
  const { rows } = await db.pool.query<{
    report_id: string
    state: Delivery['state']
    attempts: number
    next_attempt_at: Date
    last_error: string | null
    created_at: Date
  }>(
    `SELECT report_id, state, attempts, next_attempt_at, last_error, created_at
     FROM startup_help_outbox WHERE ($1::text IS NULL OR state = $1) ORDER BY seq DESC LIMIT 500`,
    [state],
  )
  return rows.map((row) => ({
    reportId: row.report_id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
  }))
}
