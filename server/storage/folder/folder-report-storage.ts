import { mkdir, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { NewReport, StoredReport } from '../../../formats/report.js'
import { createReference } from '../reference-id.js'
import { type CountBucket, type CountQuery, fillBuckets, planBuckets } from '../report-counts.js'
import { kindOf, matchesText } from '../report-fields.js'
import {
  type PageResult,
  type ReportKind,
  type ReportQuery,
  selectNewestFirst,
} from '../report-query.js'
import type { AddResult, ReportStorage } from '../report-storage.js'
import { type ReportStoreHealth, StoreUnavailableError } from '../store-health.js'
import { AppendFile } from './append-file.js'
import { DirLockedError, holdsLock, lockFile, retakeLock } from './dir-lock.js'
import {
  describeDiskError,
  type FileIdentity,
  findDiskProblem,
  identityOf,
  probeWritable,
} from './disk-health.js'
import { syncDirectory } from './durable-write.js'
import { HandledLog } from './handled-log.js'
import {
  REPORTS_FILE_NAME,
  readReportFile,
  type ScannedRecord,
  type ScanResult,
} from './report-file.js'
import { scanPage } from './scan-page.js'

export type { AddResult }

const DAY_MS = 86_400_000
/** Beside the report file: holds the pid of the one process that writes it. */
export const LOCK_FILE_NAME = 'reports.lock'

export interface ReportFileStoreOptions {
  /** The data dir; the store keeps `reports.jsonl` in it and creates the dir when missing. */
  dir: string
  /** Reports older than this are dropped at start and once a day. Default 30. */
  retentionDays?: number
  now?: () => number
  /** Where the store says what it repaired or dropped (one line each). Default console.warn. */
  log?: (line: string) => void
}

/** Kept in memory per record: enough to find, filter and dedupe without holding the reports. */
interface IndexEntry {
  id: string
  clientReportId: string
  app: string | null
  /** For the kind filter and counts without reading the record (a few bytes each). */
  kind: ReportKind
  receivedAtMs: number
  offset: number
  length: number
}

function entryOf(scanned: ScannedRecord): IndexEntry {
  const { record } = scanned
  return {
    id: record.id,
    clientReportId: record.clientReportId,
    app: record.app,
    kind: kindOf(record),
    receivedAtMs: Date.parse(record.receivedAt),
    offset: scanned.offset,
    length: scanned.length,
  }
}

/**
 * The embedded report store: an append-only JSON Lines file in the data dir. Every `add` resolves
 * only after its line is written and fdatasync'd; concurrent adds share one write and one sync
 * (group commit, see AppendFile), so durability costs one disk flush per batch. Only the index
 * (id, client id, app, time, file position) lives in memory; reports are read back on demand.
 * One process owns a data dir; the CLI reads the file without this class.
 *
 * @example
 * const store = await FolderReportStorage.open({ dir: 'data', retentionDays: 30 })
 * const { id } = await store.add(report) // 'SH-7K3M9Q', on disk
 */
export class FolderReportStorage implements ReportStorage {
  readonly path: string
  private readonly file: AppendFile
  /** Handled marks: a sidecar log, only touched inside `file.exclusive` (one change at a time). */
  private readonly handled: HandledLog
  private readonly retentionMs: number
  private readonly now: () => number
  private readonly log: (line: string) => void
  /** Acknowledged records in file order. */
  private entries: IndexEntry[] = []
  private readonly byId = new Map<string, IndexEntry>()
  private readonly byClientId = new Map<string, IndexEntry>()
  /** Reports being written, by clientReportId: a replay arriving meanwhile waits for the first. */
  private readonly pending = new Map<string, Promise<AddResult>>()
  private readonly pendingIds = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private release: () => Promise<void> = async () => {}
  private readonly dir: string
  private readonly lockPath: string
  /** The reports file and lock file as opened: the per-write check compares the paths with them. */
  private identities: { file: FileIdentity; lock: FileIdentity } | null = null
  /** Why reports are refused now (folder gone, disk full…), or null while all is well. */
  private unavailable: { reason: string; since: string } | null = null

  private constructor(file: AppendFile, handled: HandledLog, options: ReportFileStoreOptions) {
    this.path = file.path
    this.handled = handled
    this.dir = options.dir
    this.lockPath = join(options.dir, LOCK_FILE_NAME)
    this.file = file
    this.retentionMs = (options.retentionDays ?? 30) * DAY_MS
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((line) => console.warn(line))
  }

  /**
   * Opens (or creates) the store: takes the data dir's lock (one writer per dir; a lock left by
   * a dead process is taken over), reads the file, cuts away a torn last line left by a crash,
   * indexes the records and drops those past retention.
   *
   * @throws DirLockedError when another live process holds the data dir
   */
  static async open(options: ReportFileStoreOptions): Promise<FolderReportStorage> {
    await mkdir(options.dir, { recursive: true })
    const release = await lockFile(join(options.dir, LOCK_FILE_NAME))
    try {
      const store = await FolderReportStorage.openLocked(options)
      store.release = release
      return store
    } catch (error) {
      await release()
      throw error
    }
  }

  private static async openLocked(options: ReportFileStoreOptions): Promise<FolderReportStorage> {
    const path = join(options.dir, REPORTS_FILE_NAME)
    const log = options.log ?? ((line: string) => console.warn(line))
    const scan = await scanAndRepair(path, log)
    let store: FolderReportStorage | null = null
    const file = await AppendFile.open(
      path,
      scan.completeBytes,
      () => store?.guard() ?? Promise.resolve(),
    )
    const handled = await HandledLog.open(options.dir, log)
    await syncDirectory(options.dir)
    store = new FolderReportStorage(file, handled, options)
    await store.rememberIdentities()
    for (const scanned of scan.records) store.index(entryOf(scanned))
    await store.compact()
    store.timer = setInterval(() => void store.compact().catch(store.log), DAY_MS)
    store.timer.unref()
    return store
  }

  /** How many reports are stored (acknowledged ones only). */
  get count(): number {
    return this.entries.length
  }

  /**
   * Stores a report, or returns the earlier reference when its clientReportId is known (also
   * while the first copy is still being written), so a replayed report is stored once.
   */
  add(report: NewReport): Promise<AddResult> {
    const known = this.byClientId.get(report.clientReportId)
    if (known) {
      const receivedAt = new Date(known.receivedAtMs).toISOString()
      return Promise.resolve({ id: known.id, receivedAt, created: false, record: null })
    }
    const pending = this.pending.get(report.clientReportId)
    if (pending) {
      return pending.then(({ id, receivedAt }) => ({
        id,
        receivedAt,
        created: false,
        record: null,
      }))
    }
    const id = this.uniqueReference()
    const receivedAtMs = this.now()
    const receivedAt = new Date(receivedAtMs).toISOString()
    const record: StoredReport = { id, receivedAt, ...report }
    const line = Buffer.from(`${JSON.stringify(record)}\n`)
    const { clientReportId, app } = report
    const kind = kindOf(record)
    const written = this.file
      .append(line, (offset) =>
        this.index({ id, clientReportId, app, kind, receivedAtMs, offset, length: line.length }),
      )
      .then(
        (): AddResult => {
          this.markAvailable()
          return { id, receivedAt, created: true, record }
        },
        (error: unknown) => {
          throw error instanceof StoreUnavailableError
            ? error
            : this.markUnavailable(`reports cannot be written: ${describeDiskError(error)}`)
        },
      )
      .finally(() => {
        this.pending.delete(clientReportId)
        this.pendingIds.delete(id)
      })
    this.pending.set(clientReportId, written)
    this.pendingIds.add(id)
    return written
  }

  /** One stored report by reference, or null. */
  get(id: string): Promise<StoredReport | null> {
    const entry = this.byId.get(id)
    if (!entry) return Promise.resolve(null)
    return this.file.exclusive(async () => (await this.readEntries([entry]))[0] ?? null)
  }

  /** Stored reports matching the query's app, since and until, newest first (`listPage` has every filter). */
  list(query: ReportQuery): Promise<StoredReport[]> {
    return this.file.exclusive(() => this.readEntries(selectNewestFirst(this.entries, query)))
  }

  /**
   * One page of the list: starts after `query.cursor`, and gives the cursor of the next page.
   * App, time, kind and handled are answered from memory; the text search reads the candidate
   * records from disk (the comments are not kept in memory: this store is for small installs,
   * and a search is rare), at most MAX_RECORD_READS_PER_PAGE per call, so such a page may be
   * short with a `nextCursor` (see ReportStorage.listPage).
   *
   * @example
   * const first = await store.listPage({ app: null, sinceMs: null, limit: 500, cursor: null })
   * if (first.ok && first.nextCursor) await store.listPage({ …, cursor: first.nextCursor })
   */
  listPage(query: ReportQuery): Promise<PageResult<StoredReport>> {
    const { text } = query
    return this.file.exclusive(() =>
      scanPage(this.entries, {
        limit: query.limit,
        cursor: query.cursor,
        accept: (entry) => this.matchesIndexed(entry, query),
        read: async (entry) => (await this.readEntries([entry]))[0] as StoredReport,
        acceptRecord: text ? (record) => matchesText(record, text) : null,
      }),
    )
  }

  /**
   * Marks a report handled or open again; the change is appended to `reports-handled.jsonl`
   * and fdatasync'd (the reports file is never rewritten for it).
   *
   * @example
   * const record = await store.setHandled('SH-7K3M9Q', true, 'support', Date.now())
   * // record?.handled: { at: '2026-11-22T10:00:00.000Z', by: 'support' }
   */
  setHandled(
    id: string,
    handled: boolean,
    by: string,
    nowMs: number,
  ): Promise<StoredReport | null> {
    return this.file.exclusive(async () => {
      const entry = this.byId.get(id)
      if (!entry) return null
      await this.guard()
      try {
        await this.handled.set(id, handled ? { at: new Date(nowMs).toISOString(), by } : null)
      } catch (error) {
        throw this.markUnavailable(`a handled mark cannot be written: ${describeDiskError(error)}`)
      }
      return (await this.readEntries([entry]))[0] ?? null
    })
  }

  /**
   * Reports per time bucket, from the in-memory index (no record is read).
   *
   * @example
   * await store.countByTime({ app: 'crm', sinceMs, untilMs, kind: null }, 3_600_000)
   * // [{ startMs: 1795305600000, count: 3 }, { startMs: 1795309200000, count: 0 }, …]
   */
  async countByTime(query: CountQuery, bucketMs: number): Promise<CountBucket[]> {
    const plan = planBuckets(query, bucketMs)
    const counts = new Map<number, number>()
    for (const entry of this.entries) {
      if (entry.receivedAtMs < query.sinceMs || entry.receivedAtMs >= query.untilMs) continue
      if (query.app !== null && entry.app !== query.app) continue
      if (query.kind !== null && entry.kind !== query.kind) continue
      const startMs = Math.floor(entry.receivedAtMs / bucketMs) * bucketMs
      counts.set(startMs, (counts.get(startMs) ?? 0) + 1)
    }
    return fillBuckets(plan, bucketMs, counts)
  }

  /** The filters the index answers: app, since, until, kind, handled. */
  private matchesIndexed(entry: IndexEntry, query: ReportQuery): boolean {
    if (query.app !== null && entry.app !== query.app) return false
    if (query.sinceMs !== null && entry.receivedAtMs < query.sinceMs) return false
    if (query.untilMs != null && entry.receivedAtMs >= query.untilMs) return false
    if (query.kind != null && entry.kind !== query.kind) return false
    if (query.handled != null) {
      const handled = this.handled.get(entry.id) !== null
      if (handled !== (query.handled === 'handled')) return false
    }
    return true
  }

  /**
   * Drops reports older than the retention period by rewriting the file (temp file, fsync,
   * rename), so personal data does not pile up. Runs at open and once a day; cheap when nothing
   * is due.
   */
  compact(): Promise<{ kept: number; dropped: number }> {
    return this.file.exclusive(async ({ replace, broken }) => {
      const cutoff = this.now() - this.retentionMs
      const kept = this.entries.filter((entry) => entry.receivedAtMs >= cutoff)
      const dropped = this.entries.length - kept.length
      if (broken) return { kept: this.entries.length, dropped: 0 }
      const keptIds = new Set(kept.map((entry) => entry.id))
      await this.handled.compact((id) => keptIds.has(id))
      if (dropped === 0) return { kept: this.entries.length, dropped: 0 }
      // Record by record: the file may be far larger than what is kept (or than 2 GiB).
      const parts: Buffer[] = []
      let offset = 0
      const moved: IndexEntry[] = []
      for (const entry of kept) {
        parts.push(await this.file.readNow(entry.offset, entry.length))
        moved.push({ ...entry, offset })
        offset += entry.length
      }
      await replace(Buffer.concat(parts))
      this.entries = []
      this.byId.clear()
      this.byClientId.clear()
      for (const entry of moved) this.index(entry)
      this.log(`reports: dropped ${dropped} report(s) older than the retention period`)
      return { kept: kept.length, dropped }
    })
  }

  /** Writes what is queued, stops the daily compaction, closes the file and frees the dir. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.file.close()
    await this.handled.close()
    await this.release()
    this.release = async () => {}
  }

  /**
   * Whether reports can be stored now. While they cannot, it tries to recover (re-create the
   * folder, take the lock again, repair the file, write a probe), so `/healthz` turns green again
   * by itself once the disk takes writes.
   *
   * @example
   * const { writable, reason } = await store.health()
   */
  health(): Promise<ReportStoreHealth> {
    return this.file.exclusive(async () => {
      // After close the lock is released on purpose: checking would take it back.
      if (this.file.isClosed)
        return { writable: false, reason: 'the service is stopping', since: null }
      try {
        await this.guard()
        if (this.unavailable !== null) {
          const problem = await probeWritable(this.dir)
          if (problem !== null) throw this.markUnavailable(`reports cannot be written: ${problem}`)
          this.markAvailable()
        }
      } catch {}
      const { unavailable } = this
      return unavailable === null
        ? { writable: true, reason: null, since: null }
        : { writable: false, reason: unavailable.reason, since: unavailable.since }
    })
  }

  /**
   * Runs before each batch is written (and in `health`): the folder, the file and the lock must
   * still be ours; otherwise it recovers or throws StoreUnavailableError, and nothing is written
   * where it would be lost.
   */
  private async guard(): Promise<void> {
    const identities = this.identities
    const problem =
      (identities === null
        ? null
        : await findDiskProblem({ path: this.path, lockPath: this.lockPath, ...identities })) ??
      (this.file.needsRepair ? 'a failed write could not be undone' : null)
    if (problem !== null) await this.recover(problem)
  }

  private async recover(problem: string): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true })
      if (!(await holdsLock(this.lockPath))) await retakeLock(this.lockPath)
      const scan = await scanAndRepair(this.path, this.log)
      const known = this.entries.length
      await this.file.reopen(scan.completeBytes)
      await syncDirectory(this.dir)
      await this.rememberIdentities()
      await this.handled.reload()
      this.entries = []
      this.byId.clear()
      this.byClientId.clear()
      for (const scanned of scan.records) this.index(entryOf(scanned))
      const gone = Math.max(0, known - this.entries.length)
      this.log(
        `reports: ${problem}; recovered: writing ${this.path} again${gone > 0 ? ` (${gone} earlier report(s) went with the old file)` : ''}`,
      )
    } catch (error) {
      throw this.markUnavailable(
        error instanceof DirLockedError
          ? `${problem}, and another process holds the data folder now`
          : `${problem}, and it cannot be fixed now: ${describeDiskError(error)}`,
      )
    }
  }

  private async rememberIdentities(): Promise<void> {
    this.identities = { file: await this.file.identity(), lock: await identityOf(this.lockPath) }
  }

  private markUnavailable(reason: string): StoreUnavailableError {
    if (this.unavailable?.reason !== reason) {
      this.log(`reports: NOT STORING REPORTS: ${reason}; browsers keep them and send them again`)
    }
    this.unavailable = {
      reason,
      since: this.unavailable?.since ?? new Date(this.now()).toISOString(),
    }
    return new StoreUnavailableError(reason)
  }

  private markAvailable(): void {
    if (this.unavailable === null) return
    this.log(`reports: storing reports again (after: ${this.unavailable.reason})`)
    this.unavailable = null
  }

  private index(entry: IndexEntry): void {
    this.entries.push(entry)
    this.byId.set(entry.id, entry)
    this.byClientId.set(entry.clientReportId, entry)
  }

  private uniqueReference(): string {
    // 32^6 references: a clash is rare but possible in a big store, so check and draw again.
    for (;;) {
      const id = createReference()
      if (!this.byId.has(id) && !this.pendingIds.has(id)) return id
    }
  }

  /**
   * Reads entries' lines, with their handled marks; call inside `file.exclusive` so a
   * compaction cannot move them.
   */
  private async readEntries(entries: readonly IndexEntry[]): Promise<StoredReport[]> {
    const out: StoredReport[] = []
    for (const entry of entries) {
      const buffer = await this.file.readNow(entry.offset, entry.length)
      const record = JSON.parse(buffer.toString('utf8')) as StoredReport
      out.push({ ...record, handled: this.handled.get(entry.id) })
    }
    return out
  }
}

/** Scans the file (any size) and cuts a torn tail left by a crash; logs what it dropped. */
async function scanAndRepair(path: string, log: (line: string) => void): Promise<ScanResult> {
  const scan = await readReportFile(path)
  if (scan.tornBytes > 0) {
    // The tail was never acknowledged (no newline, so no fsync'd 201): cut it, or the next
    // append would be glued onto it and spoil a good record.
    log(
      `reports: ${path}: dropped an incomplete last record (${scan.tornBytes} bytes, a crash mid-write)`,
    )
    await truncate(path, scan.completeBytes)
  }
  for (const { line, reason } of scan.skipped) {
    log(`reports: ${path}:${line}: skipped a damaged line: ${reason}`)
  }
  return scan
}
