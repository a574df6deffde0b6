import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './durable-write.js'

/**
 * Who saved a version of the status file and when. `etag` is the ETag of the text it was
 * recorded for: a record whose ETag differs from the text describes another text (the file was
 * saved in a text editor since), so it is not believed.
 */
export interface VersionAuthor {
  etag: string
  savedAt: string
  savedBy: string
}

/**
 * The folder of author records, beside status-history rather than in it, so status-history
 * stays a folder of plain versions (restoring one by hand is a copy) and old ones stay valid.
 * `current.json` is for the status file, `<version name>` for each kept version.
 *
 * @example
 * authorsFolder('./data') // 'data/status-history-authors'
 */
export const authorsFolder = (dataDir: string) => join(dataDir, 'status-history-authors')

const CURRENT = 'current.json'

async function readRecord(path: string): Promise<VersionAuthor | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'))
    if (typeof value !== 'object' || value === null) return null
    const { etag, savedAt, savedBy } = value as Record<string, unknown>
    return typeof etag === 'string' && typeof savedAt === 'string' && typeof savedBy === 'string'
      ? { etag, savedAt, savedBy }
      : null
  } catch {
    return null
  }
}

/** Best effort: who saved is a label for people, never a reason to fail a save already made. */
async function writeRecord(dataDir: string, name: string, record: VersionAuthor): Promise<void> {
  try {
    await mkdir(authorsFolder(dataDir), { recursive: true })
    await writeFileAtomic(join(authorsFolder(dataDir), name), `${JSON.stringify(record)}\n`)
  } catch {}
}

/**
 * The record of the status file's current text, when it is the text the record was made for.
 *
 * @example
 * await currentAuthor('./data', documentEtag(text)) // { etag, savedAt, savedBy: 'alice' } or null
 */
export async function currentAuthor(dataDir: string, etag: string): Promise<VersionAuthor | null> {
  const record = await readRecord(join(authorsFolder(dataDir), CURRENT))
  return record?.etag === etag ? record : null
}

/**
 * Records who saved the status file's new text.
 *
 * @example
 * await recordCurrentAuthor('./data', { etag, savedAt: new Date().toISOString(), savedBy: 'alice' })
 */
export const recordCurrentAuthor = (dataDir: string, record: VersionAuthor) =>
  writeRecord(dataDir, CURRENT, record)

/**
 * The record of a kept version (by its file name in status-history), when it matches its text.
 *
 * @example
 * await keptAuthor('./data', '2026-11-22T10-00-00.000Z-1a2b3c4d.json', etag)
 */
export async function keptAuthor(
  dataDir: string,
  name: string,
  etag: string,
): Promise<VersionAuthor | null> {
  const record = await readRecord(join(authorsFolder(dataDir), name))
  return record?.etag === etag ? record : null
}

/**
 * Records who saved a version that is now kept in status-history as `name`.
 *
 * @example
 * await recordKeptAuthor('./data', '2026-11-22T10-00-00.000Z-1a2b3c4d.json', record)
 */
export const recordKeptAuthor = (dataDir: string, name: string, record: VersionAuthor) =>
  writeRecord(dataDir, name, record)

/**
 * Removes the records of versions removed from status-history.
 *
 * @example
 * await forgetKeptAuthor('./data', '2026-11-22T10-00-00.000Z-1a2b3c4d.json')
 */
export const forgetKeptAuthor = (dataDir: string, name: string) =>
  rm(join(authorsFolder(dataDir), name), { force: true })
