import { Hono } from 'hono'
import type {
  StatusHistoryAnswer,
  StatusRestoreAnswer,
  StatusVersionAnswer,
  StatusVersionSummary,
} from '../../formats/status-history.js'
import { PATHS } from '../../formats/status-url.js'
import { jsonError } from '../http/error-body.js'
import { storageFailure } from '../http/unavailable.js'
import { adminAuth } from '../middleware/admin-auth.js'
import type { AdminTokenSetting } from '../middleware/admin-tokens.js'
import { authorLabel } from '../status/author-label.js'
import type { StatusStore } from '../status/status-store.js'
import { restoreVersion } from '../storage/restore-version.js'
import {
  type DocumentVersion,
  type SavedDocument,
  type StatusDocumentStorage,
  VERSION_ID_PATTERN,
} from '../storage/status-document-storage.js'

export interface StatusHistoryRoutesOptions {
  /** The served status: its clock for the restore's time, and what re-reads a restored file. */
  store: StatusStore
  /** Where the document and its versions are kept (as for `/v1/status/document`). */
  storage: StatusDocumentStorage
  adminToken: AdminTokenSetting
  /** Serves a restored document at once (default: the store re-reads its file). */
  onSaved?: (saved: SavedDocument) => void
}

function summary({ text, ...version }: DocumentVersion): StatusVersionSummary {
  return { ...version, bytes: Buffer.byteLength(text) }
}

/**
 * Admin `GET /v1/status/history` (every version, newest first, without texts), `GET
 * /v1/status/history/:id` (one with its text) and `POST /v1/status/history/:id/restore` (saves
 * it as a new version; `If-Match` with the current ETag is required: 428 without, 412 when the
 * document changed). The restorer is the request's admin label. Never cached.
 *
 * @example
 * app.route('/', statusHistoryRoutes({ store, storage, adminToken }))
 */
export function statusHistoryRoutes(options: StatusHistoryRoutesOptions): Hono {
  const { store, storage } = options
  const onSaved = options.onSaved ?? (() => store.reload())
  const one = `${PATHS.statusHistory}/:id`
  const routes = new Hono()
  for (const path of [PATHS.statusHistory, `${PATHS.statusHistory}/*`]) {
    // First, so refusals too are never cached: every answer here is about one moment.
    routes.use(path, async (c, next) => {
      await next()
      c.header('Cache-Control', 'no-store')
    })
    routes.use(path, adminAuth({ token: options.adminToken }))
  }
  const unknown = (c: Parameters<typeof jsonError>[0], id: string) =>
    jsonError(c, 404, 'not-found', `no version "${id}" of the status document`)

  routes.get(PATHS.statusHistory, async (c) => {
    try {
      const answer: StatusHistoryAnswer = { versions: (await storage.versions()).map(summary) }
      return c.json(answer)
    } catch (error) {
      return storageFailure(c, error)
    }
  })

  routes.get(one, async (c) => {
    const id = c.req.param('id') ?? ''
    let version: DocumentVersion | null
    try {
      version = VERSION_ID_PATTERN.test(id) ? await storage.version(id) : null
    } catch (error) {
      return storageFailure(c, error)
    }
    if (!version) return unknown(c, id)
    const answer: StatusVersionAnswer = { ...summary(version), text: version.text }
    return c.json(answer)
  })

  routes.post(`${one}/restore`, async (c) => {
    const id = c.req.param('id') ?? ''
    const ifMatch = c.req.header('if-match')?.trim()
    if (!ifMatch) {
      return jsonError(
        c,
        428,
        'precondition-required',
        'send If-Match with the current ETag (GET /v1/status/history): a restore must not overwrite an edit you have not seen',
      )
    }
    if (!VERSION_ID_PATTERN.test(id)) return unknown(c, id)
    let result: Awaited<ReturnType<typeof restoreVersion>>
    try {
      const author = authorLabel(c.get('adminLabel'))
      result = await restoreVersion(storage, id, ifMatch, author, store.clock())
    } catch (error) {
      return storageFailure(c, error)
    }
    if (!result.ok) {
      if (result.reason === 'not-found') return unknown(c, id)
      if (result.reason === 'conflict')
        return jsonError(c, 412, 'precondition-failed', result.message)
      return jsonError(c, 409, 'version-invalid', result.message)
    }
    onSaved(result.saved)
    c.header('ETag', result.saved.etag)
    const answer: StatusRestoreAnswer = { ok: true, etag: result.saved.etag }
    return c.json(answer)
  })
  return routes
}
