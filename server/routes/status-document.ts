import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PATHS } from '../../formats/status-url.js'
import { jsonError } from '../http/error-body.js'
import { storageFailure } from '../http/unavailable.js'
import { adminAuth } from '../middleware/admin-auth.js'
import type { AdminTokenSetting } from '../middleware/admin-tokens.js'
import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import type { StatusStore } from '../status/status-store.js'
import type { SavedDocument, StatusDocumentStorage } from '../storage/status-document-storage.js'

/** A status document is a page of settings; anything bigger is a mistake, not a document. */
export const MAX_DOCUMENT_BYTES = 256 * 1024

export interface StatusDocumentRoutesOptions {
  /** The served status: its clock, and its health in the PUT answer. */
  store: StatusStore
  /** Where the document is kept: the status file (FolderStatusStorage) or the database. */
  storage: StatusDocumentStorage
  adminToken: AdminTokenSetting
  /** Serves a saved document at once (default: the store re-reads its file). */
  onSaved?: (saved: SavedDocument) => void
}

/**
 * Admin `GET`/`PUT /v1/status/document`: the raw document with its ETag; PUT validates, honours
 * If-Match (412 on a lost update), and saves through the storage (history kept, atomic, with the
 * admin's label as its author; with a database every instance serves it within a second). 503
 * while the storage cannot be reached.
 *
 * @example
 * app.route('/', statusDocumentRoutes({ store, storage: new FolderStatusStorage({ file: './status.json', dataDir: './data' }), adminToken }))
 */
export function statusDocumentRoutes(options: StatusDocumentRoutesOptions): Hono {
  const { store, storage } = options
  const onSaved = options.onSaved ?? (() => store.reload())
  const routes = new Hono()
  // One write at a time, so the If-Match check and the write are one step.
  let writing: Promise<unknown> = Promise.resolve()

  routes.use(PATHS.statusDocument, adminAuth({ token: options.adminToken }))

  routes.get(PATHS.statusDocument, async (c) => {
    // Answers never name a path: the status file may be a symlink into the admin's file system.
    let current: Awaited<ReturnType<StatusDocumentStorage['read']>>
    try {
      current = await storage.read()
    } catch (error) {
      return storageFailure(c, error)
    }
    const { text, etag, problem } = current
    if (problem !== null) return jsonError(c, 409, 'status-file-invalid', problem)
    if (text === null || etag === null)
      return jsonError(c, 404, 'not-found', 'the status document does not exist yet')
    c.header('ETag', etag)
    c.header('Cache-Control', 'no-store')
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(text)
  })

  routes.put(
    PATHS.statusDocument,
    bodyLimit({
      maxSize: MAX_DOCUMENT_BYTES,
      onError: (c) =>
        jsonError(
          c,
          413,
          'payload-too-large',
          `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`,
        ),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/(.+\+)?json\b/i.test(type)) {
        return jsonError(
          c,
          415,
          'unsupported-media-type',
          'send the document as Content-Type: application/json',
        )
      }
      const text = await c.req.text()
      const parsed = parseStatusText(text)
      if (!parsed.ok) {
        const first = parsed.problems[0]
        const lines = parsed.problems.map((p) => formatProblem('document', p))
        const code = first?.path === null ? 'invalid-json' : 'invalid-field'
        return jsonError(c, 400, code, lines.join('; '), first?.path ?? undefined)
      }
      const ifMatch = c.req.header('if-match')
      const next = text.endsWith('\n') ? text : `${text}\n`
      const result = writing.then(() =>
        storage.edit(
          (current) => {
            const matches =
              ifMatch === undefined ||
              (ifMatch.trim() === '*'
                ? current.text !== null
                : ifMatch.split(',').some((t) => t.trim() === current.etag))
            return matches
              ? { text: next }
              : {
                  conflict:
                    'the document changed since you read it (If-Match does not match): GET it again and re-apply your edit',
                }
          },
          store.clock(),
          c.get('adminLabel'),
        ),
      )
      writing = result.catch(() => {})
      let outcome: Awaited<typeof result>
      try {
        outcome = await result
      } catch (error) {
        return storageFailure(c, error)
      }
      if (!outcome.ok) return jsonError(c, 412, 'precondition-failed', outcome.conflict)
      onSaved(outcome.saved)
      const { etag } = outcome.saved
      c.header('ETag', etag)
      return c.json({ ok: true, etag, health: store.health() })
    },
  )
  return routes
}
