import { isOneCReport, type StoredReport } from '../../formats/report.js'
import type { Download } from '../http/downloads.js'
import type { AttachmentStore } from '../storage/folder/attachments.js'
import type { ReportQuery } from '../storage/report-query.js'
import type { ReportStorage } from '../storage/report-storage.js'
import { type ExportFormat, exportFileName, exportReports } from './report-export.js'

/**
 * A file kept with a report (a 1C screenshot) as a download, only when the report lists it, with
 * its sniffed media type; `null` when the report has no such file (the caller's 404). The admin
 * API and the console both answer with this (`sendDownload`).
 *
 * @example
 * const download = await attachmentDownload(record, c.req.param('key'), attachments)
 * return download === null ? notFound(c) : sendDownload(c, download)
 */
export async function attachmentDownload(
  record: StoredReport | null,
  key: string,
  attachments: AttachmentStore,
): Promise<Download | null> {
  const listed =
    record && isOneCReport(record) ? record.attachments.find((file) => file.key === key) : null
  const file = listed ? await attachments.read(key) : null
  if (!listed || !file) return null
  return { body: file.bytes, contentType: file.mediaType, fileName: listed.key, fromNetwork: true }
}

/**
 * The reports a query selects, streamed as a CSV or JSON download named by the time
 * (`reports-20261122-1405.csv`).
 *
 * @example
 * return sendDownload(c, exportDownload(store, query, 'csv', Date.now()))
 */
export function exportDownload(
  store: ReportStorage,
  query: ReportQuery,
  format: ExportFormat,
  nowMs: number,
): Download {
  return {
    body: exportReports(store, query, format),
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    fileName: exportFileName(format, nowMs),
  }
}
