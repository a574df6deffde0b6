import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_RECORD_BYTES, readReportFile } from '../../server/storage/folder/report-file.js'
import { sampleReport } from '../support/report-fixture.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-scan-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const line = (id: string) =>
  `${JSON.stringify({ id, receivedAt: '2026-11-22T10:00:00.000Z', ...sampleReport() })}\n`

describe('reading a report file in chunks', () => {
  it('finds every record of a file larger than one chunk, also those across a chunk boundary', async () => {
    // About 10 MB: more than one 8 MiB chunk, so some record straddles the boundary.
    const lines = Array.from({ length: 9000 }, (_, i) => line(`SH-${String(i).padStart(6, '0')}`))
    const file = join(dir, 'reports.jsonl')
    writeFileSync(file, lines.join(''))
    const scan = await readReportFile(file)
    expect(scan.records.map((scanned) => scanned.record.id)).toEqual(
      lines.map((_, i) => `SH-${String(i).padStart(6, '0')}`),
    )
    expect(scan.skipped).toEqual([])
    const last = scan.records.at(-1)
    expect(last && last.offset + last.length).toBe(scan.completeBytes)
  })

  it('skips an overlong line without keeping it, and reports an unterminated tail as torn', async () => {
    const file = join(dir, 'reports.jsonl')
    const long = `${'x'.repeat(MAX_RECORD_BYTES + 10)}\n`
    writeFileSync(file, `${line('SH-AAAAAA')}${long}${line('SH-BBBBBB')}{"id": "SH-torn`)
    const scan = await readReportFile(file)
    expect(scan.records.map((scanned) => scanned.record.id)).toEqual(['SH-AAAAAA', 'SH-BBBBBB'])
    expect(scan.skipped).toEqual([{ line: 2, reason: `longer than ${MAX_RECORD_BYTES} bytes` }])
    expect(scan.tornBytes).toBe('{"id": "SH-torn'.length)
  })
})
