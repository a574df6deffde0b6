import { createHash } from 'node:crypto'

/**
 * The ETag of a status document's text as the admin API gives it (the file backend): a hash of
 * the bytes, so any save, by any editor, changes it.
 *
 * @example
 * documentEtag('{}\n') // '"…27 base64url characters…"'
 */
export const documentEtag = (text: string) =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`
