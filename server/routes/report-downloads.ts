import type { Context } from 'hono'
import { isOneCReport, type StoredReport } from '../../formats/report.js'
import type { AttachmentStore } from '../reports/attachments.js'
import { type ExportFormat, exportFileName, exportReports } from '../reports/export.js'
import type { ReportQuery } from '../reports/query.js'
import type { ReportStorage } from '../storage/report-storage.js'

/**
 * A file kept with a report (a 1C screenshot) as a download, only when the report lists it:
 * its sniffed media type, `nosniff` and a sandbox CSP, so bytes from the network are never
 * rendered as a page of ours. `null` when the report has no such file (the caller's 404). The
 * admin API and the console both answer with this.
 *
 * @example
 * const download = await sendAttachment(c, record, c.req.param('key'), attachments)
 * if (download === null) return notFound(c)
 */
export async function sendAttachment(
  c: Context,
  record: StoredReport | null,
  key: string,
  attachments: AttachmentStore,
): Promise<Response | null> {
  const listed =
    record && isOneCReport(record) ? record.attachments.find((file) => file.key === key) : null
  const file = listed ? await attachments.read(key) : null
  if (!listed || !file) return null
  c.header('Content-Type', file.mediaType)
  c.header('Content-Disposition', `attachment; filename="${listed.key}"`)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Content-Security-Policy', "default-src 'none'; sandbox")
  return c.body(new Uint8Array(file.bytes), 200)
}

/**
 * The reports a query selects, streamed as a CSV or JSON download named by the time
 * (`reports-20261122-1405.csv`). The admin API and the console both answer with this.
 *
 * @example
 * return sendExport(c, store, query, 'csv', Date.now())
 */
export function sendExport(
  c: Context,
  store: ReportStorage,
  query: ReportQuery,
  format: ExportFormat,
  nowMs: number,
): Response {
  c.header(
    'Content-Type',
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
  )
  c.header('Content-Disposition', `attachment; filename="${exportFileName(format, nowMs)}"`)
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(exportReports(store, query, format))
}
