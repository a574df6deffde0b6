import { Hono } from 'hono'
import { sendDownload } from '../http/downloads.js'
import { jsonError } from '../http/error-body.js'
import { adminAuth } from '../middleware/admin-auth.js'
import type { AdminTokenSetting } from '../middleware/admin-tokens.js'
import { attachmentDownload } from '../reports/report-downloads.js'
import type { AttachmentStore } from '../storage/folder/attachments.js'
import type { FolderReportStorage } from '../storage/folder/folder-report-storage.js'
import { normalizeReference } from '../storage/reference-id.js'

export interface ReportAttachmentRoutesOptions {
  store: Pick<FolderReportStorage, 'get'>
  attachments: AttachmentStore
  adminToken: AdminTokenSetting
}

/**
 * `GET /:id/attachments/:key` (admin), to mount at `/v1/reports`: a file kept with a report (a 1C
 * screenshot), only under a report that lists it. Served as a download with its sniffed media type,
 * `nosniff` and a sandbox CSP: bytes from the network are never rendered as a page of ours.
 *
 * @example
 * app.route('/v1/reports', reportAttachmentRoutes({ store, attachments, adminToken }))
 */
export function reportAttachmentRoutes(options: ReportAttachmentRoutesOptions): Hono {
  const app = new Hono()
  app.get('/:id/attachments/:key', adminAuth({ token: options.adminToken }), async (c) => {
    const id = normalizeReference(c.req.param('id'))
    const record = id === null ? null : await options.store.get(id)
    const key = c.req.param('key')
    c.header('Cache-Control', 'no-store')
    const download = await attachmentDownload(record, key, options.attachments)
    return download
      ? sendDownload(c, download)
      : jsonError(c, 404, 'not-found', `no attachment ${key} on report ${c.req.param('id')}`)
  })
  return app
}
