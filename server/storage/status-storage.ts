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

/** A saved document: its text, its new ETag and when it was saved (ISO). */
export interface SavedDocument {
  text: string
  etag: string
  savedAt: string
}

export type EditResult = { ok: true; saved: SavedDocument } | { ok: false; conflict: string }

/**
 * Where the admin's status document lives: the status file with its history in the data folder
 * (`FileStatusStorage`), or a row in PostgreSQL with history rows (`PgStatusStorage`). Both pass
 * tests/server/storage-contract.ts. `edit` is one compare-and-swap: of two writers that read
 * the same version, exactly one wins and the other gets a conflict; the replaced text is kept
 * as history.
 *
 * @example
 * const current = await storage.read()
 * const result = await storage.edit((doc) => (doc.etag === current.etag ? { text: '{}\n' } : { conflict: 'changed' }), Date.now())
 */
export interface StatusStorage {
  read(): Promise<CurrentDocument>
  edit(edit: (current: CurrentDocument) => StatusEdit, now: number): Promise<EditResult>
  /** The replaced versions kept, oldest first. */
  history(): Promise<string[]>
}
