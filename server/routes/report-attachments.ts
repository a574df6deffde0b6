import { Hono } from 'hono'
import type { AdminTokenSetting } from '../admin/admin-tokens.js'
import { jsonError } from '../errors.js'
import { adminAuth } from '../middleware/admin-auth.js'
import type { AttachmentStore } from '../reports/attachments.js'
import type { ReportFileStore } from '../reports/file-store.js'
import { normalizeReference } from '../reports/reference-id.js'
import { sendAttachment } from './report-downloads.js'

export interface ReportAttachmentRoutesOptions {
  store: Pick<ReportFileStore, 'get'>
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
    const download = await sendAttachment(c, record, key, options.attachments)
    return (
      download ??
      jsonError(c, 404, 'not-found', `no attachment ${key} on report ${c.req.param('id')}`)
    )
  })
  return app
}
