/**
 * The status document as stored, before parsing: its text (`null` with `problem` null: none
 * yet), why it cannot be used (`problem`, e.g. a file too large to read), and the ETag that
 * `If-Match` compares against (`null` when there is no document).
 */
export interface CurrentDocument {
  text: string | null
  problem: string | null
  etag: string | null
}

/** What an edit made of the current document: the new text, or a refusal (a failed If-Match). */
export type StatusEdit = { text: string } | { conflict: string }

/** A saved document: its text, its new ETag, when it was saved (ISO) and by whom. */
export interface SavedDocument {
  text: string
  etag: string
  savedAt: string
  savedBy: string
}

export type EditResult = { ok: true; saved: SavedDocument } | { ok: false; conflict: string }

/**
 * One version of the status document: the current one (`current: true`, id `current`) or a
 * replaced one kept as history. `savedAt`/`savedBy` are null when nobody recorded them: a status
 * file saved in a text editor, or a version kept before authors were recorded. `replacedAt` is
 * when a kept version stopped being current (null for the current one): for those old versions
 * it is the only time known, and it is not the time they were saved.
 */
export interface DocumentVersion {
  /** URL-safe: letters, digits, `.`, `_`, `-` (see VERSION_ID_PATTERN). */
  id: string
  savedAt: string | null
  savedBy: string | null
  replacedAt: string | null
  /** The ETag the text had (or has) as the current document. */
  etag: string
  text: string
  current: boolean
}

/** The id of the current version in both storages; kept versions have their own ids. */
export const CURRENT_VERSION_ID = 'current'

/**
 * Every id a storage hands out matches this (at most 80 URL-safe characters, no `/`, no leading
 * dot); anything else is unknown before a storage even looks.
 *
 * @example
 * VERSION_ID_PATTERN.test('2026-11-22T10-00-00.000Z-1a2b3c4d') // true
 * VERSION_ID_PATTERN.test('../x') // false
 */
export const VERSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/

/**
 * Where the admin's status document lives: the status file with its history in the data folder
 * (`FolderStatusStorage`), or a row in PostgreSQL with history rows (`PostgresStatusStorage`). Both pass
 * tests/server/storage-contract.ts. `edit` is one compare-and-swap: of two writers that read
 * the same version, exactly one wins and the other gets a conflict; the replaced text is kept
 * as history, with who saved it and when.
 *
 * @example
 * const current = await storage.read()
 * const result = await storage.edit((doc) => (doc.etag === current.etag ? { text: '{}\n' } : { conflict: 'changed' }), Date.now(), 'alice')
 * const [newest] = await storage.versions() // { id: 'current', savedBy: 'alice', current: true, … }
 */
export interface StatusDocumentStorage {
  read(): Promise<CurrentDocument>
  /** `author`: a short label of who saves (an admin token's label, `cli`); default `admin`. */
  edit(
    edit: (current: CurrentDocument) => StatusEdit,
    now: number,
    author?: string,
  ): Promise<EditResult>
  /** The current version (when there is a readable one) and the kept ones, newest first. */
  versions(): Promise<DocumentVersion[]>
  /** One version by id, or null for an unknown (or malformed) id. */
  version(id: string): Promise<DocumentVersion | null>
}
