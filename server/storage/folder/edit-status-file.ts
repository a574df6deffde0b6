import { realpathSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { authorLabel } from '../../status/author-label.js'
import { documentEtag } from '../../status/document-etag.js'
import { readStatusFileSync } from '../../status/read-status-file.js'
import type { HistoryLimits } from '../history-limits.js'
import { syncDirectory, writeTempBeside } from './durable-write.js'
import { takeEditLock } from './edit-lock.js'
import { keepVersion } from './history.js'
import { currentAuthor, recordCurrentAuthor } from './version-authors.js'

/** The file as an edit finds it: its text, or why there is none (`problem` null: no file yet). */
export interface CurrentStatusText {
  text: string | null
  problem: string | null
}

/** What an edit made of the current text: the new text, or a refusal (a failed If-Match). */
export type StatusEdit = { text: string } | { conflict: string }

export type StatusEditResult =
  | { ok: true; text: string; previous: string | null }
  | { ok: false; conflict: string }

export interface EditStatusFileOptions {
  file: string
  /** The data dir: the replaced version goes to its status-history. */
  dataDir: string
  now: number
  /** How much history to keep; default DEFAULT_HISTORY_LIMITS. */
  history?: HistoryLimits
  /** Who saves (an admin token's label, `cli`); default `admin`. */
  author?: string
  /** Makes the new text from the current one; may throw to refuse (invalid file, bad edit). */
  edit: (current: CurrentStatusText) => StatusEdit
}

/**
 * Replaces the status file with what `edit` makes of its current text, as one compare-and-swap:
 * under the edit lock that every startup-help writer takes (admin PUT, `message`), read, edit,
 * write a temp file, keep the old version in history, then read the file once more and rename
 * only when it is still what `edit` saw. An editor that saved in the meantime (it takes no lock)
 * makes this a conflict instead of a lost update. The last compare and the rename run back to
 * back with nothing awaited between them. Who saved is recorded under the same lock (see
 * version-authors.ts): the replaced version takes the record of its text, the new text a new one.
 *
 * @example
 * const result = await editStatusFile({ file, dataDir, now: Date.now(), edit: (text) => ({ text: '{}\n' }) })
 * if (!result.ok) console.error(result.conflict)
 */
export async function editStatusFile(options: EditStatusFileOptions): Promise<StatusEditResult> {
  const { file } = options
  const release = await takeEditLock(file)
  try {
    const before = readCurrent(file)
    const edit = options.edit(before)
    if ('conflict' in edit) return { ok: false, conflict: edit.conflict }
    if (before.text !== null && before.text !== edit.text) {
      const author = await currentAuthor(options.dataDir, documentEtag(before.text))
      await keepVersion(options.dataDir, before.text, options.now, options.history, author)
    }
    // A symlinked status file keeps its link: the new text replaces the link's target.
    const target = resolveLink(file)
    const temp = await writeTempBeside(target, edit.text)
    if (readCurrent(file).fingerprint !== before.fingerprint) {
      rmSync(temp, { force: true })
      return {
        ok: false,
        conflict:
          'the file was changed on disk while this edit was being saved; read it again and re-apply the edit',
      }
    }
    try {
      renameSync(temp, target)
    } catch (error) {
      rmSync(temp, { force: true })
      throw error
    }
    await syncDirectory(dirname(target))
    await recordCurrentAuthor(options.dataDir, {
      etag: documentEtag(edit.text),
      savedAt: new Date(options.now).toISOString(),
      savedBy: authorLabel(options.author),
    })
    return { ok: true, text: edit.text, previous: before.text }
  } finally {
    await release()
  }
}

function resolveLink(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return file
  }
}

/**
 * The file's text now, and a fingerprint that changes with any save: the text itself, or for a
 * file that cannot be read as a status file (too large, UTF-16) its inode, size and time, so such
 * a file can still be replaced (that is how an admin fixes it) but not behind another's back.
 */
function readCurrent(file: string): CurrentStatusText & { fingerprint: string } {
  const read = readStatusFileSync(file)
  if (read.ok) return { text: read.text, problem: null, fingerprint: `text:${read.text}` }
  if (read.code === 'missing') return { text: null, problem: null, fingerprint: 'missing' }
  let stamp: string = read.code
  try {
    const s = statSync(file)
    stamp = `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`
  } catch {}
  return { text: null, problem: read.message, fingerprint: `unreadable:${stamp}` }
}
