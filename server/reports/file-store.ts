import { type FileHandle, mkdir, open, readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report, StoredReport } from '../../formats/report.js'
import { lockFile } from './dir-lock.js'
import { replaceFileDurably, syncDirectory } from './durable-write.js'
import { type ReportQuery, selectNewestFirst } from './query.js'
import { createReference } from './reference-id.js'
import { REPORTS_FILE_NAME, type ScannedRecord, scanReportLines } from './report-file.js'

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

/** What the caller learns from `add`: the reference, and whether this call stored a new record. */
export interface AddResult {
  id: string
  receivedAt: string
  /** false when the same clientReportId was stored before (a replay): nothing new was written. */
  created: boolean
  /** The record written by this call; null for a replay. */
  record: StoredReport | null
}

/** Kept in memory per record: enough to find, filter and dedupe without holding the reports. */
interface IndexEntry {
  id: string
  clientReportId: string
  app: string | null
  receivedAtMs: number
  offset: number
  length: number
}

interface PendingAppend {
  line: Buffer
  entry: Omit<IndexEntry, 'offset' | 'length'>
  done: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

function entryOf(scanned: ScannedRecord): IndexEntry {
  const { record } = scanned
  return {
    id: record.id,
    clientReportId: record.clientReportId,
    app: record.app,
    receivedAtMs: Date.parse(record.receivedAt),
    offset: scanned.offset,
    length: scanned.length,
  }
}

/**
 * The embedded report store: an append-only JSON Lines file in the data dir. Every `add` resolves
 * only after its line is written and fdatasync'd; concurrent adds share one write and one sync
 * (group commit), so durability costs one disk flush per batch, not per report. Only the index
 * (id, client id, app, time, file position) lives in memory; reports are read back on demand.
 * One process owns a data dir; the CLI reads the file without this class.
 *
 * @example
 * const store = await ReportFileStore.open({ dir: 'data', retentionDays: 30 })
 * const { id } = await store.add(report) // 'SH-7K3M9Q', on disk
 */
export class ReportFileStore {
  readonly path: string
  private readonly retentionMs: number
  private readonly now: () => number
  private readonly log: (line: string) => void
  private handle: FileHandle
  private size: number
  private entries: IndexEntry[] = []
  private readonly byId = new Map<string, IndexEntry>()
  private readonly byClientId = new Map<string, IndexEntry>()
  private readonly pendingByClientId = new Map<string, PendingAppend>()
  private readonly pendingIds = new Set<string>()
  private queue: PendingAppend[] = []
  private flushQueued = false
  /** Every file operation runs in this chain, one at a time: appends, compaction, reads. */
  private chain: Promise<void> = Promise.resolve()
  private broken: Error | null = null
  private closed = false
  private timer: NodeJS.Timeout | null = null
  private release: () => Promise<void> = async () => {}

  private constructor(
    path: string,
    handle: FileHandle,
    size: number,
    options: ReportFileStoreOptions,
  ) {
    this.path = path
    this.handle = handle
    this.size = size
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
  static async open(options: ReportFileStoreOptions): Promise<ReportFileStore> {
    await mkdir(options.dir, { recursive: true })
    const release = await lockFile(join(options.dir, LOCK_FILE_NAME))
    try {
      const store = await ReportFileStore.openLocked(options)
      store.release = release
      return store
    } catch (error) {
      await release()
      throw error
    }
  }

  private static async openLocked(options: ReportFileStoreOptions): Promise<ReportFileStore> {
    const path = join(options.dir, REPORTS_FILE_NAME)
    let bytes: Buffer
    let existed = true
    try {
      bytes = await readFile(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      bytes = Buffer.alloc(0)
      existed = false
    }
    const scan = scanReportLines(bytes)
    const log = options.log ?? ((line: string) => console.warn(line))
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
    const handle = await open(path, 'a+')
    if (!existed) await syncDirectory(options.dir)
    const store = new ReportFileStore(path, handle, scan.completeBytes, options)
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
  add(report: Report): Promise<AddResult> {
    const known = this.byClientId.get(report.clientReportId)
    if (known) {
      const receivedAt = new Date(known.receivedAtMs).toISOString()
      return Promise.resolve({ id: known.id, receivedAt, created: false, record: null })
    }
    const pending = this.pendingByClientId.get(report.clientReportId)
    if (pending) {
      const { id, receivedAtMs } = pending.entry
      const receivedAt = new Date(receivedAtMs).toISOString()
      return pending.done.then(() => ({ id, receivedAt, created: false, record: null }))
    }
    if (this.broken) return Promise.reject(this.broken)
    const id = this.uniqueReference()
    const receivedAtMs = this.now()
    const receivedAt = new Date(receivedAtMs).toISOString()
    const record: StoredReport = { id, receivedAt, ...report }
    const append = {
      line: Buffer.from(`${JSON.stringify(record)}\n`),
      entry: { id, clientReportId: report.clientReportId, app: report.app, receivedAtMs },
    } as PendingAppend
    append.done = new Promise<void>((resolve, reject) => {
      append.resolve = resolve
      append.reject = reject
    })
    this.pendingIds.add(id)
    this.pendingByClientId.set(report.clientReportId, append)
    this.queue.push(append)
    this.scheduleFlush()
    return append.done.then(() => ({ id, receivedAt, created: true, record }))
  }

  /** One stored report by reference, or null. */
  get(id: string): Promise<StoredReport | null> {
    const entry = this.byId.get(id)
    if (!entry) return Promise.resolve(null)
    return this.exclusive(async () => (await this.readEntries([entry]))[0] ?? null)
  }

  /** Stored reports matching the query, newest first. */
  list(query: ReportQuery): Promise<StoredReport[]> {
    return this.exclusive(() => this.readEntries(selectNewestFirst(this.entries, query)))
  }

  /**
   * Drops reports older than the retention period by rewriting the file (temp file, fsync,
   * rename), so personal data does not pile up. Runs at open and once a day; cheap when nothing
   * is due.
   */
  compact(): Promise<{ kept: number; dropped: number }> {
    return this.exclusive(async () => {
      if (this.broken) return { kept: this.entries.length, dropped: 0 }
      const cutoff = this.now() - this.retentionMs
      const kept = this.entries.filter((entry) => entry.receivedAtMs >= cutoff)
      const dropped = this.entries.length - kept.length
      if (dropped === 0) return { kept: kept.length, dropped }
      const old = await readFile(this.path)
      const parts: Buffer[] = []
      let offset = 0
      const moved = kept.map((entry) => {
        parts.push(old.subarray(entry.offset, entry.offset + entry.length))
        const next = { ...entry, offset }
        offset += entry.length
        return next
      })
      await replaceFileDurably(this.path, Buffer.concat(parts))
      await this.handle.close()
      this.handle = await open(this.path, 'a+')
      this.size = offset
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
    await this.exclusive(async () => {
      if (this.closed) return
      this.closed = true
      this.broken = new Error('the report store is closed')
      await this.handle.close()
      await this.release()
    })
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

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task)
    this.chain = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return
    this.flushQueued = true
    // Waiting one macrotask lets the other requests already read from sockets join this batch.
    void this.exclusive(async () => {
      await new Promise((resolve) => setImmediate(resolve))
      await this.flush()
    })
  }

  private async flush(): Promise<void> {
    this.flushQueued = false
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      const bytes = Buffer.concat(batch.map((append) => append.line))
      try {
        if (this.broken) throw this.broken
        let written = 0
        while (written < bytes.length) {
          const result = await this.handle.write(bytes, written, bytes.length - written)
          written += result.bytesWritten
        }
        await this.handle.datasync()
      } catch (error) {
        await this.undoPartialWrite()
        for (const append of batch) {
          this.forgetPending(append)
          append.reject(error)
        }
        continue
      }
      let offset = this.size
      for (const append of batch) {
        const entry = { ...append.entry, offset, length: append.line.length }
        offset += append.line.length
        this.index(entry)
        this.forgetPending(append)
        append.resolve()
      }
      this.size = offset
    }
  }

  private forgetPending(append: PendingAppend): void {
    this.pendingIds.delete(append.entry.id)
    this.pendingByClientId.delete(append.entry.clientReportId)
  }

  /** After a failed write, cut the file back to the last good record, or refuse further adds. */
  private async undoPartialWrite(): Promise<void> {
    try {
      await this.handle.truncate(this.size)
    } catch (error) {
      this.broken = new Error(
        `the report file ${this.path} cannot be repaired after a failed write`,
        {
          cause: error,
        },
      )
    }
  }

  private async readEntries(entries: readonly IndexEntry[]): Promise<StoredReport[]> {
    const out: StoredReport[] = []
    for (const entry of entries) {
      const buffer = Buffer.alloc(entry.length)
      await this.handle.read(buffer, 0, entry.length, entry.offset)
      out.push(JSON.parse(buffer.toString('utf8')) as StoredReport)
    }
    return out
  }
}
