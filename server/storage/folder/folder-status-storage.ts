import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { authorLabel } from '../../status/author-label.js'
import { documentEtag } from '../../status/document-etag.js'
import { readStatusFile } from '../../status/read-status-file.js'
import type { HistoryLimits } from '../history-limits.js'
import {
  CURRENT_VERSION_ID,
  type CurrentDocument,
  type DocumentVersion,
  type EditResult,
  type StatusDocumentStorage,
  type StatusEdit,
  VERSION_ID_PATTERN,
} from '../status-document-storage.js'
import { editStatusFile } from './edit-status-file.js'
import { historyFolder, listVersions, versionReplacedAt } from './history.js'
import { currentAuthor, keptAuthor } from './version-authors.js'

export interface FileStatusStorageOptions {
  /** The status file admins edit. */
  file: string
  /** The data folder: replaced versions go to its status-history. */
  dataDir: string
  history?: HistoryLimits
}

/**
 * The status document as a file (the default, nothing to install): edits are a compare-and-swap
 * under the edit lock (see editStatusFile), the replaced text goes to `<data>/status-history`,
 * who saved each version to `<data>/status-history-authors`. A version's id is its history file
 * name without `.json`.
 *
 * @example
 * const storage = new FolderStatusStorage({ file: './status.json', dataDir: './data' })
 * const { text, etag } = await storage.read()
 */
export class FolderStatusStorage implements StatusDocumentStorage {
  constructor(private readonly options: FileStatusStorageOptions) {}

  async read(): Promise<CurrentDocument> {
    const read = await readStatusFile(this.options.file)
    if (read.ok) return { text: read.text, problem: null, etag: documentEtag(read.text) }
    if (read.code === 'missing') return { text: null, problem: null, etag: null }
    return { text: null, problem: read.message, etag: null }
  }

  async edit(
    edit: (current: CurrentDocument) => StatusEdit,
    now: number,
    author?: string,
  ): Promise<EditResult> {
    const savedBy = authorLabel(author)
    const result = await editStatusFile({
      file: this.options.file,
      dataDir: this.options.dataDir,
      now,
      author: savedBy,
      ...(this.options.history ? { history: this.options.history } : {}),
      edit: (current) =>
        edit({ ...current, etag: current.text === null ? null : documentEtag(current.text) }),
    })
    if (!result.ok) return result
    const saved = {
      text: result.text,
      etag: documentEtag(result.text),
      savedAt: new Date(now).toISOString(),
      savedBy,
    }
    return { ok: true, saved }
  }

  async versions(): Promise<DocumentVersion[]> {
    const current = await this.currentVersion()
    const names = (await listVersions(this.options.dataDir)).reverse()
    const kept = await Promise.all(names.map((name) => this.keptVersion(name.slice(0, -5))))
    return [...(current ? [current] : []), ...kept.filter((v) => v !== null)]
  }

  async version(id: string): Promise<DocumentVersion | null> {
    if (id === CURRENT_VERSION_ID) return this.currentVersion()
    return this.keptVersion(id)
  }

  /** The status file as a version; an unreadable or missing file is none. */
  private async currentVersion(): Promise<DocumentVersion | null> {
    const { text, etag } = await this.read()
    if (text === null || etag === null) return null
    const author = await currentAuthor(this.options.dataDir, etag)
    // Saved in a text editor (no record of this text): who is unknown, when is the file's time.
    const savedAt = author?.savedAt ?? (await modifiedAt(this.options.file))
    return {
      id: CURRENT_VERSION_ID,
      savedAt,
      savedBy: author?.savedBy ?? null,
      replacedAt: null,
      etag,
      text,
      current: true,
    }
  }

  private async keptVersion(id: string): Promise<DocumentVersion | null> {
    // The id becomes a file name: no `/`, no leading dot, so it never leaves status-history.
    if (id === CURRENT_VERSION_ID || !VERSION_ID_PATTERN.test(id)) return null
    const name = `${id}.json`
    let text: string
    try {
      text = await readFile(join(historyFolder(this.options.dataDir), name), 'utf8')
    } catch {
      return null
    }
    const etag = documentEtag(text)
    const author = await keptAuthor(this.options.dataDir, name, etag)
    return {
      id,
      savedAt: author?.savedAt ?? null,
      savedBy: author?.savedBy ?? null,
      replacedAt: versionReplacedAt(name),
      etag,
      text,
      current: false,
    }
  }
}

async function modifiedAt(file: string): Promise<string | null> {
  try {
    return (await stat(file)).mtime.toISOString()
  } catch {
    return null
  }
}
