import { open } from 'node:fs/promises'
import type { StoredReport } from '../../../formats/report.js'

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
 * Longest line read as a record. A stored report is at most about 70 KB (64 KiB body plus id and
 * time); a longer line is damage (or a hole of zeros after a crash of the file system) and is
 * skipped without being held in memory.
 */
export const MAX_RECORD_BYTES = 1024 * 1024

/** Bytes read at a time: memory stays at about this much whatever the file's size; smaller chunks
 * cost a thread-pool round trip each (1 MiB chunks made a 2 GiB scan 8 s on a busy machine). */
const CHUNK_BYTES = 8 * 1024 * 1024

function parseLine(
  text: string,
  offset: number,
  length: number,
  lineNumber: number,
  into: ScanResult,
) {
  if (text.trim() === '') return
  try {
    const value: unknown = JSON.parse(text)
    if (looksStored(value)) into.records.push({ record: value, offset, length })
    else
      into.skipped.push({
        line: lineNumber,
        reason: 'not a stored report (id, receivedAt or clientReportId missing)',
      })
  } catch (error) {
    into.skipped.push({ line: lineNumber, reason: `not JSON: ${(error as Error).message}` })
  }
}

/**
 * Reads and splits a report file into records, a chunk at a time, so a file of any size opens
 * (a whole-file read stops at 2 GiB) in memory bounded by the records' index. A record counts
 * only once its newline is on disk: the store writes `json + "\n"` and fsyncs before answering
 * 201, so an unterminated tail was never acknowledged and is reported as torn, not parsed. A
 * missing file is an empty store.
 *
 * @example
 * const { records, tornBytes } = await readReportFile('data/reports.jsonl')
 */
export async function readReportFile(path: string): Promise<ScanResult> {
  const result: ScanResult = { records: [], completeBytes: 0, tornBytes: 0, skipped: [] }
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result
    throw error
  }
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES)
    let position = 0
    let lineStart = 0
    let lineNumber = 0
    let carry: Buffer[] = []
    let carryBytes = 0
    let overlong = false
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position)
      if (bytesRead === 0) break
      let start = 0
      for (;;) {
        const end = chunk.indexOf(NEWLINE, start)
        if (end === -1 || end >= bytesRead) break
        lineNumber += 1
        const length = position + end + 1 - lineStart
        if (overlong || length - 1 > MAX_RECORD_BYTES) {
          result.skipped.push({ line: lineNumber, reason: `longer than ${MAX_RECORD_BYTES} bytes` })
        } else {
          const tail = chunk.subarray(start, end)
          const bytes = carryBytes > 0 ? Buffer.concat([...carry, tail]) : tail
          parseLine(bytes.toString('utf8'), lineStart, length, lineNumber, result)
        }
        carry = []
        carryBytes = 0
        overlong = false
        start = end + 1
        lineStart = position + start
      }
      if (!overlong && start < bytesRead) {
        carryBytes += bytesRead - start
        if (carryBytes > MAX_RECORD_BYTES) {
          overlong = true
          carry = []
        } else carry.push(Buffer.from(chunk.subarray(start, bytesRead)))
      }
      position += bytesRead
    }
    result.completeBytes = lineStart
    result.tornBytes = position - lineStart
    return result
  } finally {
    await handle.close()
  }
}
