import { isOneCReport, type StoredReport } from '../../formats/report.js'
import type { ReportKind } from './report-query.js'

/**
 * What a report is about, as the `kind` filter sees it: `1c` for a 1C report, else its browser
 * failure's kind.
 *
 * @example
 * kindOf(record) // 'timeout'
 */
export function kindOf(record: StoredReport): ReportKind {
  return isOneCReport(record) ? '1c' : record.failure.kind
}

/**
 * What the user wrote: a browser report's comment, a 1C report's error description; '' if none.
 *
 * @example
 * commentOf(record) // 'Вход не работает'
 */
export function commentOf(record: StoredReport): string {
  if (isOneCReport(record)) return record.report.errorInfo.userDescription ?? ''
  return record.comment ?? ''
}

/**
 * The `q` filter: `text` appears in the comment or the reference, ignoring case. Matches the
 * PostgreSQL store's ILIKE for the languages its locale folds (see PostgresReportStorage).
 *
 * @example
 * matchesText(record, 'вход') // true for the comment 'Вход не работает'
 */
export function matchesText(record: StoredReport, text: string): boolean {
  const needle = text.toLowerCase()
  return (
    commentOf(record).toLowerCase().includes(needle) || record.id.toLowerCase().includes(needle)
  )
}
