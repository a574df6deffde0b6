import { readFile } from 'node:fs/promises'
import type { StoredReport } from '../../formats/report.js'

/** The store's file inside the data dir: one stored report per line (JSON Lines), append-only. */
export const REPORTS_FILE_NAME = 'reports.jsonl'

/** A record found in the file, with where its line sits (to read it again without a full scan). */
export interface ScannedRecord {
  record: StoredReport
  offset: number
  /** Bytes of the line, its newline included. */
  length: number
}

export interface ScanResult {
  records: ScannedRecord[]
  /** Bytes up to the end of the last complete line: everything after it is a torn write. */
  completeBytes: number
  /** Bytes of an unterminated last line (a crash mid-write); 0 when the file ends cleanly. */
  tornBytes: number
  /** Complete lines that are not a stored report (hand edits, disk damage): skipped, never fatal. */
  skipped: { line: number; reason: string }[]
}

const NEWLINE = 0x0a

function looksStored(value: unknown): value is StoredReport {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' &&
    typeof record.receivedAt === 'string' &&
    typeof record.clientReportId === 'string' &&
    !Number.isNaN(Date.parse(record.receivedAt))
  )
}

/**
 * Splits the file's bytes into records. A record counts only once its newline is on disk: the
 * store writes `json + "\n"` and fsyncs before answering 201, so an unterminated tail was never
 * acknowledged and is reported as torn, not parsed.
 *
 * @example
 * const { records, tornBytes } = scanReportLines(readFileSync('data/reports.jsonl'))
 */
export function scanReportLines(bytes: Buffer): ScanResult {
  const records: ScannedRecord[] = []
  const skipped: ScanResult['skipped'] = []
  let start = 0
  let lineNumber = 0
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start)
    if (end === -1) break
    lineNumber += 1
    const text = bytes.toString('utf8', start, end)
    if (text.trim() !== '') {
      try {
        const value: unknown = JSON.parse(text)
        if (looksStored(value))
          records.push({ record: value, offset: start, length: end + 1 - start })
        else
          skipped.push({
            line: lineNumber,
            reason: 'not a stored report (id, receivedAt or clientReportId missing)',
          })
      } catch (error) {
        skipped.push({ line: lineNumber, reason: `not JSON: ${(error as Error).message}` })
      }
    }
    start = end + 1
  }
  return { records, completeBytes: start, tornBytes: bytes.length - start, skipped }
}

/**
 * Reads and scans a report file without changing it (for the CLI, which may run beside a live
 * service). A missing file is an empty store.
 *
 * @example
 * const { records } = await readReportFile('data/reports.jsonl')
 */
export async function readReportFile(path: string): Promise<ScanResult> {
  try {
    return scanReportLines(await readFile(path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { records: [], completeBytes: 0, tornBytes: 0, skipped: [] }
    }
    throw error
  }
}
