import { readFile, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { HandledMark } from '../../../formats/report.js'
import { AppendFile } from './append-file.js'
import { syncDirectory, writeFileAtomic } from './durable-write.js'

/** Beside `reports.jsonl`: one line per change of a report's handled mark; the last one wins. */
export const HANDLED_FILE_NAME = 'reports-handled.jsonl'

interface HandledLine {
  id: string
  handled: HandledMark | null
}

function isHandledLine(value: unknown): value is HandledLine {
  if (typeof value !== 'object' || value === null) return false
  const { id, handled } = value as Record<string, unknown>
  if (typeof id !== 'string') return false
  if (handled === null) return true
  if (typeof handled !== 'object') return false
  const mark = handled as Record<string, unknown>
  return typeof mark.at === 'string' && typeof mark.by === 'string'
}

/** What a read of the log found. */
export interface HandledScan {
  /** The current mark of each handled report (last line wins; a null line re-opens). */
  marks: Map<string, HandledMark>
  /** Valid lines read. */
  lines: number
  /** Bytes up to the end of the last complete line; after it is a torn write. */
  completeBytes: number
  tornBytes: number
  /** Line numbers of complete lines that are not a change (hand edits, disk damage). */
  damaged: number[]
  /** False when there is no log yet. */
  found: boolean
}

/**
 * Reads the handled log without changing it (the CLI reads it while the service runs): a torn
 * last line (a crash mid-write, never acknowledged) is left out, damaged lines are skipped.
 * A missing file is an empty log.
 *
 * @example
 * const { marks } = await readHandledLog('data/reports-handled.jsonl')
 */
export async function readHandledLog(path: string): Promise<HandledScan> {
  let bytes: Buffer
  try {
    // Whole file at once: a line is about 100 bytes, so even 100,000 changes are 10 MB.
    bytes = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return { marks: new Map(), lines: 0, completeBytes: 0, tornBytes: 0, damaged: [], found: false }
  }
  const completeBytes = bytes.lastIndexOf(0x0a) + 1
  const marks = new Map<string, HandledMark>()
  const damaged: number[] = []
  let lines = 0
  const text = bytes.subarray(0, completeBytes).toString('utf8').split('\n')
  text.forEach((line, index) => {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {}
    if (!isHandledLine(value)) {
      damaged.push(index + 1)
      return
    }
    lines += 1
    if (value.handled === null) marks.delete(value.id)
    else marks.set(value.id, value.handled)
  })
  return {
    marks,
    lines,
    completeBytes,
    tornBytes: bytes.length - completeBytes,
    damaged,
    found: true,
  }
}

/** Reads the log for the store: cuts a torn last line (or the next append would be glued onto it) and says what it skipped. */
async function scan(path: string, log: (line: string) => void): Promise<HandledScan> {
  const found = await readHandledLog(path)
  if (found.tornBytes > 0) {
    log(`reports: ${path}: dropped an incomplete last line (a crash mid-write)`)
    await truncate(path, found.completeBytes)
  }
  for (const line of found.damaged) log(`reports: ${path}:${line}: skipped a damaged line`)
  return found
}

/**
 * The handled marks of the folder store, in an append-only sidecar log so that marking a report
 * never rewrites the reports file (which may be large and holds what users sent). Each change is
 * fdatasync'd before `set` resolves. All marks live in memory (about 100 bytes each).
 * Not safe for concurrent calls by itself: FolderReportStorage calls it inside its file's turn.
 *
 * @example
 * const handled = await HandledLog.open('data', console.warn)
 * await handled.set('SH-7K3M9Q', { at: new Date().toISOString(), by: 'support' })
 */
export class HandledLog {
  private file: AppendFile
  /** The log's inode when opened: another one (or none) means the file was deleted or replaced. */
  private inode: number
  private marks: Map<string, HandledMark>
  /** Valid lines in the file: more than `marks.size` means superseded lines a compaction drops. */
  private lines: number

  private constructor(
    readonly path: string,
    private readonly dir: string,
    private readonly log: (line: string) => void,
    file: AppendFile,
    found: HandledScan,
    inode: number,
  ) {
    this.file = file
    this.inode = inode
    this.marks = found.marks
    this.lines = found.lines
  }

  /** Reads `dir/reports-handled.jsonl` (creating it) and repairs a torn last line. */
  static async open(dir: string, log: (line: string) => void): Promise<HandledLog> {
    const path = join(dir, HANDLED_FILE_NAME)
    const found = await scan(path, log)
    const file = await AppendFile.open(path, found.completeBytes)
    if (!found.found) await syncDirectory(dir)
    return new HandledLog(path, dir, log, file, found, (await stat(path)).ino)
  }

  /** The report's mark, or null while it is open. */
  get(id: string): HandledMark | null {
    return this.marks.get(id) ?? null
  }

  /**
   * Records a change durably (null re-opens the report); resolves once it is on disk.
   *
   * @example
   * await handled.set('SH-7K3M9Q', null)
   */
  async set(id: string, mark: HandledMark | null): Promise<void> {
    await this.restoreIfGone()
    await this.file.append(Buffer.from(`${JSON.stringify({ id, handled: mark })}\n`))
    this.lines += 1
    if (mark === null) this.marks.delete(id)
    else this.marks.set(id, mark)
  }

  /**
   * Forgets marks of reports no longer stored (`keep` false) and rewrites the log with one line
   * per mark (temp file, fsync, rename) when that leaves lines out; cheap when nothing is due.
   */
  async compact(keep: (id: string) => boolean): Promise<void> {
    for (const id of [...this.marks.keys()]) if (!keep(id)) this.marks.delete(id)
    if (this.lines === this.marks.size) return
    const text = [...this.marks].map(([id, handled]) => `${JSON.stringify({ id, handled })}\n`)
    await this.file.exclusive(({ replace }) => replace(Buffer.from(text.join(''))))
    // The rewrite is a new file (renamed over the old one): remember it as ours.
    this.inode = (await stat(this.path)).ino
    this.lines = this.marks.size
  }

  /** Reads the log again (after the data folder was re-created: its marks went with it). */
  async reload(): Promise<void> {
    const found = await scan(this.path, this.log)
    await this.file.close()
    this.file = await AppendFile.open(this.path, found.completeBytes)
    if (!found.found) await syncDirectory(this.dir)
    this.inode = (await stat(this.path)).ino
    this.marks = found.marks
    this.lines = found.lines
  }

  /**
   * The log alone was deleted or replaced while the service ran (the reports file is the store's
   * guard's): appending to the old handle would write into a file no one will read again. The
   * marks are all in memory, so the log is written anew from them (temp file, fsync, rename)
   * before the change: nothing acknowledged is lost.
   */
  private async restoreIfGone(): Promise<void> {
    const current = await stat(this.path).then(
      (found) => found.ino,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null
        throw error
      },
    )
    if (current === this.inode) return
    const text = [...this.marks].map(([id, handled]) => `${JSON.stringify({ id, handled })}\n`)
    await writeFileAtomic(this.path, text.join(''))
    await this.file.close()
    this.file = await AppendFile.open(this.path, Buffer.byteLength(text.join('')))
    this.inode = (await stat(this.path)).ino
    this.lines = this.marks.size
    this.log(
      `reports: ${this.path} was gone; written again from the ${this.marks.size} mark(s) in memory`,
    )
  }

  /** Finishes a queued write and closes the file. */
  close(): Promise<void> {
    return this.file.close()
  }
}
