import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HEADERS } from '../../formats/headers.js'
import { PATHS } from '../../formats/status-url.js'
import { jsonError } from '../errors.js'
import { adminAuth } from '../middleware/admin-auth.js'
import { StatusFileBusyError } from '../status/edit-lock.js'
import { editStatusFile } from '../status/edit-status-file.js'
import type { HistoryLimits } from '../status/history.js'
import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import { readStatusFile } from '../status/read-status-file.js'
import type { StatusStore } from '../status/status-store.js'

/** A status document is a page of settings; anything bigger is a mistake, not a document. */
export const MAX_DOCUMENT_BYTES = 256 * 1024

export interface StatusDocumentRoutesOptions {
  store: StatusStore
  dataDir: string
  adminToken: string | null
  /** How much status history to keep; default DEFAULT_HISTORY_LIMITS. */
  history?: HistoryLimits
}

const etagOf = (text: string) =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`

/**
 * Admin `GET`/`PUT /v1/status/document`: the raw file with its ETag; PUT validates, honours
 * If-Match (412 on a lost update), keeps the replaced version as history and writes atomically.
 *
 * @example
 * app.route('/', statusDocumentRoutes({ store, dataDir: './data', adminToken }))
 */
export function statusDocumentRoutes(options: StatusDocumentRoutesOptions): Hono {
  const { store, dataDir } = options
  const routes = new Hono()
  // One write at a time, so the If-Match check and the write are one step.
  let writing: Promise<unknown> = Promise.resolve()

  routes.use(PATHS.statusDocument, adminAuth({ token: options.adminToken }))

  routes.get(PATHS.statusDocument, async (c) => {
    // Answers never name a path: the status file may be a symlink into the admin's file system.
    const read = await readStatusFile(store.file)
    if (!read.ok && read.code === 'missing')
      return jsonError(c, 404, 'not-found', 'the status file does not exist yet')
    if (!read.ok) return jsonError(c, 409, 'status-file-invalid', read.message)
    const { text } = read
    c.header('ETag', etagOf(text))
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
        editStatusFile({
          file: store.file,
          dataDir,
          now: store.clock(),
          ...(options.history ? { history: options.history } : {}),
          edit: (current) => {
            const etag = current.text === null ? null : etagOf(current.text)
            const matches =
              ifMatch === undefined ||
              (ifMatch.trim() === '*'
                ? current.text !== null
                : ifMatch.split(',').some((t) => t.trim() === etag))
            return matches
              ? { text: next }
              : {
                  conflict:
                    'the document changed since you read it (If-Match does not match): GET it again and re-apply your edit',
                }
          },
        }),
      )
      writing = result.catch(() => {})
      let outcome: Awaited<typeof result>
      try {
        outcome = await result
      } catch (error) {
        if (!(error instanceof StatusFileBusyError)) throw error
        c.header(HEADERS.retryAfter, '1')
        return jsonError(c, 503, 'busy', 'another save of the status file is running; try again')
      }
      if (!outcome.ok) return jsonError(c, 412, 'precondition-failed', outcome.conflict)
      store.reload()
      const etag = etagOf(next)
      c.header('ETag', etag)
      return c.json({ ok: true, etag, health: store.health() })
    },
  )
  return routes
}
