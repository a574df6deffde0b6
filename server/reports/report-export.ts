import { isOneCReport, type StoredReport } from '../../formats/report.js'
import { commentOf, kindOf } from '../storage/report-fields.js'
import type { ReportQuery } from '../storage/report-query.js'
import type { ReportStorage } from '../storage/report-storage.js'

export type ExportFormat = 'csv' | 'json'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json']

/** Reports per export at most: 50,000 full reports are about 150 MB of JSON, 15 MB of CSV. */
export const DEFAULT_EXPORT_MAX = 50_000
/** Reports read per page while exporting: the list's maximum, about 1 MB of JSON. */
const EXPORT_PAGE = 500

export const CSV_COLUMNS = [
  'reference',
  'receivedAt',
  'app',
  'source',
  'kind',
  'httpStatus',
  'url',
  'comment',
  'handledAt',
  'handledBy',
] as const

/** Excel reads a UTF-8 CSV as the system's code page (Cyrillic turns into mojibake) without it. */
const BOM = '\uFEFF'

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * `'`: a user's comment `=HYPERLINK(…)` must stay text on the support desk's machine.
 *
 * @example
 * csvCell('=1+1') // "'=1+1"
 * csvCell('say "hi"') // '"say ""hi"""'
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The CSV row of a report, in CSV_COLUMNS order; `url` is the failing request's (none for 1C).
 *
 * @example
 * csvRow(record) // 'SH-7K3M9Q,2026-11-22T10:00:00.000Z,crm,browser,http-error,503,https://…,…\r\n'
 */
export function csvRow(record: StoredReport): string {
  const browser = isOneCReport(record) ? null : record
  const cells = [
    record.id,
    record.receivedAt,
    record.app,
    record.source ?? 'browser',
    kindOf(record),
    browser?.failure.status ?? null,
    browser?.failure.url ?? null,
    commentOf(record),
    record.handled?.at ?? null,
    record.handled?.by ?? null,
  ]
  return `${cells.map(csvCell).join(',')}\r\n`
}

/**
 * The reports a query matches, newest first, as a CSV file (UTF-8 with BOM, CRLF lines, a header
 * row) or a JSON array of the stored records; at most `max` reports. Read a page at a time
 * (`listPage` with its cursor) as the stream is read, so memory stays at one page whatever the
 * size. `query.limit` is ignored; a store error (or the cursor expiring mid-way) errors the stream.
 *
 * @example
 * const body = exportReports(store, { app: 'crm', sinceMs: null, kind: '1c', limit: 50 }, 'csv')
 * return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
 */
export function exportReports(
  storage: ReportStorage,
  query: ReportQuery,
  format: ExportFormat,
  max = DEFAULT_EXPORT_MAX,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let cursor = query.cursor ?? null
  let written = 0
  let started = false
  let done = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = ''
      if (!started) {
        started = true
        text = format === 'csv' ? `${BOM}${CSV_COLUMNS.join(',')}\r\n` : '['
      }
      // A page may be empty (a text search in the folder store): read on until there is text,
      // since a pull that enqueues nothing is not called again.
      while (!done && text === '') {
        const limit = Math.min(EXPORT_PAGE, max - written)
        const page = limit > 0 ? await storage.listPage({ ...query, limit, cursor }) : null
        if (page && !page.ok) throw new Error(`export stopped: ${page.message}`)
        for (const record of page?.items ?? []) {
          text +=
            format === 'csv'
              ? csvRow(record)
              : `${written > 0 ? ',' : ''}\n${JSON.stringify(record)}`
          written += 1
        }
        cursor = page?.nextCursor ?? null
        if (cursor === null) {
          done = true
          if (format === 'json') text += written > 0 ? '\n]\n' : ']\n'
        }
      }
      if (text !== '') controller.enqueue(encoder.encode(text))
      if (done) controller.close()
    },
  })
}

/**
 * The download's file name, `reports-YYYYMMDD-HHMM.csv` in UTC.
 *
 * @example
 * exportFileName('csv', Date.parse('2026-11-22T14:05:00Z')) // 'reports-20261122-1405.csv'
 */
export function exportFileName(format: ExportFormat, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').slice(0, 13).replace('T', '-')
  return `reports-${stamp}.${format}`
}
