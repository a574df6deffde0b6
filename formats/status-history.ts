// Types only: the admin API's answers about the status document's versions.

/** One version in `GET /v1/status/history`: everything but its text. */
export interface StatusVersionSummary {
  /** URL-safe; `current` for the current document. */
  id: string
  /** When it was saved (ISO), or null when unknown (saved in a text editor, or before authors were recorded). */
  savedAt: string | null
  /** Who saved it (an admin token's label, `cli`), or null when unknown. */
  savedBy: string | null
  /** When it stopped being current (ISO); null for the current one. */
  replacedAt: string | null
  etag: string
  current: boolean
  /** The text's size in UTF-8 bytes. */
  bytes: number
}

/** `GET /v1/status/history`: newest first, the current document first. */
export interface StatusHistoryAnswer {
  versions: StatusVersionSummary[]
}

/** `GET /v1/status/history/:id`: the version with its text. */
export interface StatusVersionAnswer extends StatusVersionSummary {
  text: string
}

/** `POST /v1/status/history/:id/restore`: the ETag of the new current document. */
export interface StatusRestoreAnswer {
  ok: true
  etag: string
}
