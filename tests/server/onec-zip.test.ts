import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readReportZip } from '../../server/onec/read-report-zip.js'
import {
  isSafeEntryName,
  listZipEntries,
  readZipEntry,
  ZipError,
} from '../../server/onec/zip-archive.js'
import { lieAboutSizes, reportZip, sampleOneCReport, tinyPng, zeros } from '../support/onec-zip.js'

const LIMITS = { maxEntries: 64, maxReportJsonBytes: 512 * 1024, maxScreenshotBytes: 1024 * 1024 }

async function refusal(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    return error as ZipError & { status?: number; field?: string }
  }
  throw new Error('expected a refusal')
}

describe('reading a ZIP made by another library', () => {
  it('lists the entries and inflates each to its exact content', async () => {
    const zip = Buffer.from(
      zipSync({ 'a.txt': new TextEncoder().encode('hello'), 'dir/b.bin': tinyPng() }),
    )
    const entries = listZipEntries(zip, { maxEntries: 8 })
    expect(entries.map((entry) => entry.name)).toEqual(['a.txt', 'dir/b.bin'])
    const [a, b] = entries
    expect((await readZipEntry(zip, a as never, 100)).toString()).toBe('hello')
    expect(new Uint8Array(await readZipEntry(zip, b as never, 1000))).toEqual(tinyPng())
  })

  it('reads stored (uncompressed) entries too', async () => {
    const zip = Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('plain') }, { level: 0 }))
    const [entry] = listZipEntries(zip, { maxEntries: 8 })
    expect(entry?.method).toBe(0)
    expect((await readZipEntry(zip, entry as never, 100)).toString()).toBe('plain')
  })
})

describe('hostile ZIPs', () => {
  it('stops inflating a bomb at the cap, whatever size the archive declares', async () => {
    // 16 MiB of zeros deflate to about 16 KB; the archive then claims every entry is 10 bytes.
    const bomb = lieAboutSizes(Buffer.from(zipSync({ 'bomb.bin': zeros(16 * 1024 * 1024) })), 10)
    expect(bomb.length).toBeLessThan(64 * 1024)
    const [entry] = listZipEntries(bomb, { maxEntries: 8 })
    const error = await refusal(readZipEntry(bomb, entry as never, 1024 * 1024))
    expect(error).toBeInstanceOf(ZipError)
    expect(error.code).toBe('too-large')
    expect(error.message).toBe('ZIP entry bomb.bin is larger than 1048576 bytes')
  })

  it('refuses a stored entry above the cap without copying it', async () => {
    const zip = Buffer.from(zipSync({ 'big.bin': zeros(4096) }, { level: 0 }))
    const [entry] = listZipEntries(zip, { maxEntries: 8 })
    expect((await refusal(readZipEntry(zip, entry as never, 1000))).code).toBe('too-large')
  })

  it.each([
    '../../etc/passwd',
    'reports/../../x',
    '/etc/passwd',
    'C:\\Windows\\x.txt',
    'C:/x.txt',
    'a\\..\\b',
    'bad\u0000name',
  ])('refuses an entry named %j', async (name) => {
    const zip = Buffer.from(zipSync({ 'report.json': zeros(1), [name]: zeros(1) }))
    const error = await refusal(() => listZipEntries(zip, { maxEntries: 8 }))
    expect(error.code).toBe('invalid-zip')
    expect(error.message).toMatch(/is not a plain relative path$/)
  })

  it('accepts plain names, folders included', () => {
    for (const name of ['report.json', 'screenshot.png', 'files/log..txt', 'Отчёт.txt']) {
      expect(isSafeEntryName(name), name).toBe(true)
    }
  })

  it('refuses more entries than the limit before reading any', async () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}.txt`, zeros(1)]))
    const error = await refusal(() =>
      listZipEntries(Buffer.from(zipSync(many)), { maxEntries: 64 }),
    )
    expect(error.message).toBe('the ZIP has 65 entries; at most 64 are accepted')
  })

  it('refuses a body that is not a ZIP, and a truncated ZIP', async () => {
    const notZip = Buffer.from('%PDF-1.7 this is not a zip archive at all, just bytes')
    expect((await refusal(() => listZipEntries(notZip, LIMITS))).message).toBe(
      'the body is not a ZIP archive (no end of central directory)',
    )
    const zip = reportZip(sampleOneCReport())
    const cut = zip.subarray(0, zip.length - 30)
    expect((await refusal(() => listZipEntries(cut, LIMITS))).code).toBe('invalid-zip')
  })

  it('refuses an entry whose bytes were changed (CRC mismatch)', async () => {
    const zip = Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('hello') }, { level: 0 }))
    const [entry] = listZipEntries(zip, { maxEntries: 8 })
    zip[(entry?.dataOffset ?? 0) + 1] = 0x21
    expect((await refusal(readZipEntry(zip, entry as never, 100))).message).toBe(
      'ZIP entry a.txt is damaged (CRC mismatch)',
    )
  })

  it('refuses an encrypted entry', async () => {
    const zip = Buffer.from(zipSync({ 'a.txt': zeros(4) }))
    for (let at = 0; at + 4 <= zip.length; at += 1) {
      if (zip.readUInt32LE(at) === 0x02014b50)
        zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8)
    }
    expect((await refusal(() => listZipEntries(zip, LIMITS))).message).toBe(
      'ZIP entry a.txt is encrypted',
    )
  })
})

describe('a 1C report ZIP', () => {
  it('gives the validated report.json, the screenshot it names and the other files by name', async () => {
    const report = sampleOneCReport()
    const zip = reportZip(report, { 'screenshot.png': tinyPng(), 'log.txt': zeros(3) })
    const content = await readReportZip(zip, LIMITS)
    expect(content.report.configInfo?.name).toBe('БухгалтерияПредприятия')
    expect(content.report.errorInfo.applicationErrorInfo?.stackHash).toBe(
      '7C2E91A04B5D3F6E8A1B2C3D4E5F6071',
    )
    expect(content.screenshot?.name).toBe('screenshot.png')
    expect(new Uint8Array(content.screenshot?.bytes ?? [])).toEqual(tinyPng())
    expect(content.otherFiles).toEqual(['log.txt'])
    expect(content.problems).toEqual([])
  })

  it('refuses a ZIP without report.json', async () => {
    const zip = Buffer.from(zipSync({ 'screenshot.png': tinyPng() }))
    const error = await refusal(readReportZip(zip, LIMITS))
    expect([error.status, error.code, error.message]).toEqual([
      400,
      'invalid-zip',
      'the ZIP has no report.json',
    ])
  })

  it('refuses a report.json that is not JSON, naming the entry', async () => {
    const error = await refusal(readReportZip(reportZip('{"time": "2026-11-22T1'), LIMITS))
    expect([error.status, error.code]).toEqual([400, 'invalid-json'])
    expect(error.message).toMatch(/^report\.json is not JSON: /)
  })

  it('refuses a report.json of the wrong shape, naming the field', async () => {
    const error = await refusal(readReportZip(reportZip({ time: 5, errorInfo: {} }), LIMITS))
    expect([error.status, error.code, error.field]).toEqual([400, 'invalid-field', 'time'])
  })

  it('refuses a report.json bomb with 413', async () => {
    const padded = `{"errorInfo": {}, "pad": "${' '.repeat(2 * 1024 * 1024)}"}`
    const error = await refusal(readReportZip(reportZip(padded), LIMITS))
    expect([error.status, error.code, error.message]).toEqual([
      413,
      'payload-too-large',
      'ZIP entry report.json is larger than 524288 bytes',
    ])
  })

  it('refuses a screenshot.file that climbs out of the archive', async () => {
    const report = sampleOneCReport({ screenshot: { file: '../../../etc/shadow' } })
    const error = await refusal(readReportZip(reportZip(report), LIMITS))
    expect([error.status, error.code, error.field]).toEqual([
      400,
      'invalid-field',
      'screenshot.file',
    ])
  })

  it('keeps the report but not a screenshot bomb, and says why', async () => {
    const zip = reportZip(sampleOneCReport(), { 'screenshot.png': zeros(8 * 1024 * 1024) })
    const content = await readReportZip(zip, LIMITS)
    expect(content.screenshot).toBeNull()
    expect(content.problems).toEqual([
      'screenshot screenshot.png: not kept: ZIP entry screenshot.png is larger than 1048576 bytes',
    ])
  })

  it('notes a screenshot that report.json names but the ZIP lacks', async () => {
    const content = await readReportZip(reportZip(sampleOneCReport(), {}), LIMITS)
    expect(content.screenshot).toBeNull()
    expect(content.problems).toEqual(['screenshot screenshot.png: not in the ZIP'])
  })
})
