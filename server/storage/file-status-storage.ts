import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { documentEtag } from '../status/document-etag.js'
import { editStatusFile } from '../status/edit-status-file.js'
import { type HistoryLimits, historyFolder, listVersions } from '../status/history.js'
import { readStatusFile } from '../status/read-status-file.js'
import type { CurrentDocument, EditResult, StatusEdit, StatusStorage } from './status-storage.js'

export interface FileStatusStorageOptions {
  /** The status file admins edit. */
  file: string
  /** The data folder: replaced versions go to its status-history. */
  dataDir: string
  history?: HistoryLimits
}

/**
 * The status document as a file (the default, nothing to install): edits are a compare-and-swap
 * under the edit lock (see editStatusFile), the replaced text goes to `<data>/status-history`.
 *
 * @example
 * const storage = new FileStatusStorage({ file: './status.json', dataDir: './data' })
 * const { text, etag } = await storage.read()
 */
export class FileStatusStorage implements StatusStorage {
  constructor(private readonly options: FileStatusStorageOptions) {}

  async read(): Promise<CurrentDocument> {
    const read = await readStatusFile(this.options.file)
    if (read.ok) return { text: read.text, problem: null, etag: documentEtag(read.text) }
    if (read.code === 'missing') return { text: null, problem: null, etag: null }
    return { text: null, problem: read.message, etag: null }
  }

  async edit(edit: (current: CurrentDocument) => StatusEdit, now: number): Promise<EditResult> {
    const result = await editStatusFile({
      file: this.options.file,
      dataDir: this.options.dataDir,
      now,
      ...(this.options.history ? { history: this.options.history } : {}),
      edit: (current) =>
        edit({ ...current, etag: current.text === null ? null : documentEtag(current.text) }),
    })
    if (!result.ok) return result
    const saved = {
      text: result.text,
      etag: documentEtag(result.text),
      savedAt: new Date(now).toISOString(),
    }
    return { ok: true, saved }
  }

  async history(): Promise<string[]> {
    const folder = historyFolder(this.options.dataDir)
    const names = await listVersions(this.options.dataDir)
    return Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')))
  }
}
