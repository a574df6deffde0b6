import pg from 'pg'
import { parseStatusText } from '../../status/parse-status-file.js'
import { readStatusFile } from '../../status/read-status-file.js'
import type { StatusStore } from '../../status/status-store.js'
import type { Database } from './database.js'
import { type PostgresStatusStorage, STATUS_CHANNEL } from './postgres-status-storage.js'

/** What `/healthz` says about the database (never its URL: `/healthz` is public). */
export interface DatabaseHealth {
  reachable: boolean
  /** Why not, or null. */
  reason: string | null
  /** This host's status file against the database's document, which is what is served. */
  localStatusFile: 'same' | 'differs' | 'none'
}

export interface StatusFollowerOptions {
  db: Database
  storage: PostgresStatusStorage
  /** The served status: each new version in the database is loaded into it. */
  store: StatusStore
  /** This host's status file: seeds an empty database, else is only compared. */
  localFile: string
  /**
   * Safety net beside LISTEN (ms): the row is re-read this often, so a notification lost with a
   * dropped connection delays a change by at most this. One indexed single-row read per tick.
   */
  checkIntervalMs?: number
  log?: (line: string) => void
}

/** How long to wait before opening the LISTEN connection again after it broke (ms). */
const RELISTEN_DELAY_MS = 1_000

/**
 * Keeps an instance's served status equal to the database's document: seeds the database from
 * the local status file when it holds no document yet, then loads each new version on
 * `NOTIFY` (milliseconds after another instance's save commits) and on a periodic re-read. A
 * local file that differs is reported in `/healthz` and the log, never served.
 *
 * @example
 * const follower = await StatusFollower.start({ db, storage, store, localFile: './status.json' })
 * follower.health() // { reachable: true, reason: null, localStatusFile: 'same' }
 */
export class StatusFollower {
  private readonly options: StatusFollowerOptions
  private readonly log: (line: string) => void
  private version: string | null = null
  private text: string | null = null
  private reachable: { ok: true } | { ok: false; reason: string } = { ok: true }
  private local: DatabaseHealth['localStatusFile'] = 'none'
  private listener: pg.Client | null = null
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private refreshing: Promise<void> | null = null
  private again = false

  private constructor(options: StatusFollowerOptions) {
    this.options = options
    this.log = options.log ?? ((line) => console.error(line))
  }

  /** Seeds (when the database is empty), loads the document and starts following it. */
  static async start(options: StatusFollowerOptions): Promise<StatusFollower> {
    const follower = new StatusFollower(options)
    await follower.seed()
    await follower.refresh()
    follower.listen()
    follower.timer = setInterval(() => void follower.refresh(), options.checkIntervalMs ?? 1_000)
    follower.timer.unref()
    return follower
  }

  health(): DatabaseHealth {
    return {
      reachable: this.reachable.ok,
      reason: this.reachable.ok ? null : this.reachable.reason,
      localStatusFile: this.local,
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    await this.refreshing
    await this.listener?.end().catch(() => {})
  }

  /** Copies a valid local file into an empty database; a database with a document wins. */
  private async seed(): Promise<void> {
    const read = await readStatusFile(this.options.localFile)
    if (!read.ok || !parseStatusText(read.text).ok) return
    const result = await this.options.storage.edit(
      (current) =>
        current.text === null ? { text: read.text } : { conflict: 'the database has a document' },
      Date.now(),
      // Copied from the status file, whose author nobody recorded: say where it came from.
      'status file',
    )
    if (result.ok) {
      this.log(
        `startup-help: the database had no status yet: seeded it from ${this.options.localFile}`,
      )
    }
  }

  /** Re-reads the row (one at a time; a request meanwhile runs once more after). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true
      return this.refreshing
    }
    this.refreshing = this.readOnce().finally(() => {
      this.refreshing = null
      if (this.again && !this.stopped) {
        this.again = false
        void this.refresh()
      }
    })
    return this.refreshing
  }

  private async readOnce(): Promise<void> {
    try {
      const row = await this.options.storage.readRow()
      if (!this.reachable.ok) this.log('startup-help: the database is reachable again')
      this.reachable = { ok: true }
      if (row !== null && row.version !== this.version) {
        this.options.store.load(row.text, row.savedAt)
        this.version = row.version
        this.text = row.text
      }
    } catch (error) {
      const reason = (error as Error).message
      if (this.reachable.ok) {
        this.log(`startup-help: ${reason}; serving the last status read from it`)
      }
      this.reachable = { ok: false, reason }
    }
    await this.compareLocalFile()
  }

  private async compareLocalFile(): Promise<void> {
    const read = await readStatusFile(this.options.localFile)
    const local: DatabaseHealth['localStatusFile'] = !read.ok
      ? 'none'
      : read.text === this.text
        ? 'same'
        : 'differs'
    if (local === 'differs' && this.local !== 'differs') {
      this.log(
        `startup-help: ${this.options.localFile} differs from the status in the database; serving the database's (edit it with the admin API or "startup-help message --database")`,
      )
    }
    this.local = local
  }

  /** A connection of its own that LISTENs; opened again (and the row re-read) when it breaks. */
  private listen(): void {
    if (this.stopped) return
    const client = new pg.Client({ connectionString: this.options.db.url })
    this.listener = client
    let retried = false
    const retry = () => {
      if (retried || this.stopped) return
      retried = true
      client.end().catch(() => {})
      setTimeout(() => this.listen(), RELISTEN_DELAY_MS).unref()
    }
    client.on('error', retry)
    client.on('end', retry)
    client.on('notification', () => void this.refresh())
    client
      .connect()
      .then(() => client.query(`LISTEN ${STATUS_CHANNEL}`))
      // Changes made while we were not listening.
      .then(() => this.refresh())
      .catch(retry)
  }
}
