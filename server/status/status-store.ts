import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { formatProblem, parseStatusText, type StatusFileProblem } from './parse-status-file.js'
import { readStatusFile, readStatusFileSync, type StatusRead } from './read-status-file.js'
import { nextChangeAt, resolveStatus } from './resolve-status.js'

export interface StatusStoreOptions {
  /** Path of the status file admins edit. */
  file: string
  /** Clock in ms since epoch; tests inject a fixed one. */
  now?: () => number
  /** Where the one clear line about a broken file goes. Default: console.error. */
  log?: (line: string) => void
  /**
   * How often the file is checked for changes, in ms. Lower is snappier and costs a stat() per
   * tick; 250 ms keeps "live within about a second" with negligible load.
   */
  pollIntervalMs?: number
}

/** What `/healthz` and the admin API tell about the status file (never its path). */
export interface StatusFileHealth {
  valid: boolean
  /** The version served: when it was loaded (ISO), `null` if no good version was ever read. */
  lastGoodAt: string | null
  /** Since when the current problem exists (ISO), or `null` while the file is valid. */
  invalidSince: string | null
  problems: StatusFileProblem[]
}

const EMPTY_DOCUMENT: StatusDocument = {}

type Stat = { ino: number; size: number; mtimeMs: number; ctimeMs: number }

/** What changes when the file is saved, renamed over or re-created; sync or async stat alike. */
function signatureOf(statFile: () => Stat): string
function signatureOf(statFile: () => Promise<Stat>): Promise<string>
function signatureOf(statFile: () => Stat | Promise<Stat>): string | Promise<string> {
  const format = (s: Stat) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`
  const missing = (error: unknown) => `missing:${(error as NodeJS.ErrnoException).code}`
  try {
    const result = statFile()
    return result instanceof Promise ? result.then(format, missing) : format(result)
  } catch (error) {
    return missing(error)
  }
}

/**
 * Serves the last good version of the status file and follows its changes: in-place saves, editors
 * that write a temp file and rename it, deletion and re-creation. A broken save is never served.
 *
 * @example
 * const store = new StatusStore({ file: './status.json' })
 * store.start()
 * store.resolve({ app: 'crm', lang: 'en' })
 */
export class StatusStore {
  readonly file: string
  private readonly now: () => number
  private readonly log: (line: string) => void
  private readonly pollIntervalMs: number
  private document: StatusDocument = EMPTY_DOCUMENT
  private contentHash: string | null = null
  private lastGoodAt: string | null = null
  private invalidSince: string | null = null
  private problems: StatusFileProblem[] = []
  private lastLogged = ''
  private timer: ReturnType<typeof setInterval> | null = null
  private signature = ''
  /** Set after a read that failed for a passing reason (EMFILE, EIO): the next poll reads again. */
  private retryRead = false
  private polling = false
  /** Bumped on every good load; part of cache keys and ETags. */
  version = 0

  constructor(options: StatusStoreOptions) {
    this.file = options.file
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((line) => console.error(line))
    this.pollIntervalMs = options.pollIntervalMs ?? 250
  }

  /** Reads the file now and starts following it. */
  start(): this {
    // Polling stat() (not fs.watch): it survives rename-over and delete/re-create, and taking the
    // first signature before the first read means no save can slip between the two.
    this.signature = signatureOf(() => statSync(this.file))
    this.reload()
    if (this.timer === null) {
      this.timer = setInterval(() => void this.poll(), this.pollIntervalMs)
      this.timer.unref()
    }
    return this
  }

  /** One poll: stat, and read only when the file changed or the last read failed for a passing reason. */
  private async poll(): Promise<void> {
    // A slow disk must not stack polls up: one at a time.
    if (this.polling) return
    this.polling = true
    try {
      const signature = await signatureOf(() => stat(this.file))
      if (signature === this.signature && !this.retryRead) return
      this.signature = signature
      this.apply(await readStatusFile(this.file))
    } finally {
      this.polling = false
    }
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  /**
   * Re-reads the file now (bounded: see readStatusFileSync); keeps the last good version when the
   * new one is missing or broken.
   */
  reload(): void {
    this.apply(readStatusFileSync(this.file))
  }

  private apply(read: StatusRead): void {
    this.retryRead = !read.ok && read.transient
    if (!read.ok) {
      const message =
        read.code === 'missing'
          ? 'the file does not exist (yet): serving the last good version, or no status'
          : read.message
      this.markInvalid([{ line: null, column: null, path: null, message }])
      return
    }
    this.load(read.text, new Date(read.mtimeMs).toISOString())
  }

  /**
   * Serves `text` (from the database, or a file just read) from now on, unless it is not a valid
   * status document: then the last good one stays and the problem is logged once. `savedAt` (ISO)
   * becomes `lastGoodAt`. Returns whether `text` is what is served now.
   *
   * @example
   * store.load('{"userMessage":"Upgrade"}', new Date().toISOString()) // true
   */
  load(text: string, savedAt: string): boolean {
    const hash = createHash('sha256').update(text).digest('hex')
    if (hash === this.contentHash && this.invalidSince === null) return true
    const parsed = parseStatusText(text)
    if (!parsed.ok) {
      this.markInvalid(parsed.problems)
      return false
    }
    this.document = parsed.document
    this.contentHash = hash
    this.version++
    this.lastGoodAt = savedAt
    if (this.invalidSince !== null)
      this.log(`startup-help: ${this.file} is valid again, now served`)
    this.invalidSince = null
    this.problems = []
    this.lastLogged = ''
    return true
  }

  private markInvalid(problems: StatusFileProblem[]): void {
    this.problems = problems
    this.invalidSince ??= new Date(this.now()).toISOString()
    const first = problems[0]
    const line = first
      ? `startup-help: ${formatProblem(this.file, first)}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}; ${this.lastGoodAt ? `still serving the version of ${this.lastGoodAt}` : 'serving no status until it is fixed'}`
      : ''
    // One line per distinct problem, not one per poll.
    if (line !== this.lastLogged) this.log(line)
    this.lastLogged = line
  }

  /** The document being served (the last good one). */
  current(): StatusDocument {
    return this.document
  }

  /** The served document's content hash (`null` before any good load). */
  currentHash(): string | null {
    return this.contentHash
  }

  /**
   * The status for one app and language at the store's clock.
   *
   * @example
   * store.resolve({ app: null, lang: 'ru' }).message?.text
   */
  resolve(query: { app: string | null; lang: string }): ResolvedStatus {
    return resolveStatus(
      this.document,
      { ...query, now: this.now() },
      this.lastGoodAt ?? new Date(0).toISOString(),
    )
  }

  /** Next instant at which `app`'s status changes by itself (start or expiry), or `null`. */
  nextChange(app: string | null): number | null {
    return nextChangeAt(this.document, app, this.now())
  }

  clock(): number {
    return this.now()
  }

  health(): StatusFileHealth {
    return {
      valid: this.invalidSince === null,
      lastGoodAt: this.lastGoodAt,
      invalidSince: this.invalidSince,
      problems: this.problems,
    }
  }
}
