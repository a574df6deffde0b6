import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import type { SavedDocument, StatusDocumentStorage } from './status-document-storage.js'

/** A restore: the saved new version, or why nothing was saved. */
export type RestoreResult =
  | { ok: true; saved: SavedDocument }
  | { ok: false; reason: 'not-found' | 'conflict' | 'invalid'; message: string }

/**
 * Saves an old version's text as a NEW version, by `author`, when the current document's ETag is
 * still `ifMatchEtag` (one compare-and-swap through `storage.edit`): a restore is an edit like
 * any other, so it never deletes history and can itself be undone. Refuses a version that is no
 * longer a valid status document (the format may have changed since it was saved), rather than
 * serve the last good version while the stored one is broken.
 *
 * @example
 * const result = await restoreVersion(storage, '2026-11-22T10-00-00.000Z-1a2b3c4d', '"abc…"', 'alice', Date.now())
 * if (!result.ok && result.reason === 'conflict') // read the versions again
 */
export async function restoreVersion(
  storage: StatusDocumentStorage,
  id: string,
  ifMatchEtag: string,
  author: string,
  now: number,
): Promise<RestoreResult> {
  const version = await storage.version(id)
  if (!version) return { ok: false, reason: 'not-found', message: `no version "${id}"` }
  const parsed = parseStatusText(version.text)
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => formatProblem(`version ${id}`, p))
    return { ok: false, reason: 'invalid', message: lines.join('; ') }
  }
  const result = await storage.edit(
    (current) =>
      current.etag === ifMatchEtag
        ? { text: version.text }
        : {
            conflict:
              'the document changed since you read it (If-Match does not match): read the versions again',
          },
    now,
    author,
  )
  return result.ok ? result : { ok: false, reason: 'conflict', message: result.conflict }
}
