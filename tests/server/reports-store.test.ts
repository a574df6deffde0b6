import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredReport } from '../../formats/report.js'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { HANDLED_FILE_NAME } from '../../server/storage/folder/handled-log.js'
import { MAX_RECORD_READS_PER_PAGE } from '../../server/storage/folder/scan-page.js'
import { normalizeReference, REFERENCE_PATTERN } from '../../server/storage/reference-id.js'
import { sampleReport } from '../support/report-fixture.js'

const DAY = 86_400_000
let dir: string
let file: string
let logs: string[]
const open = (now?: () => number, retentionDays?: number) =>
  FolderReportStorage.open({
    dir,
    log: (line) => logs.push(line),
    ...(now ? { now } : {}),
    ...(retentionDays ? { retentionDays } : {}),
  })
const lines = async () => (await readFile(file, 'utf8')).split('\n').filter(Boolean)

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-store-'))
  file = join(dir, 'reports.jsonl')
  logs = []
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('FolderReportStorage', () => {
  it('creates the data dir and finds stored reports again after a restart', async () => {
    dir = join(dir, 'nested', 'data')
    file = join(dir, 'reports.jsonl')
    const first = await open()
    const report = sampleReport({ comment: 'Вход не работает' })
    const added = await first.add(report)
    await first.close()

    const second = await open()
    expect(second.count).toBe(1)
    expect(await second.get(added.id)).toEqual({
      id: added.id,
      receivedAt: added.receivedAt,
      ...report,
      handled: null,
    })
    expect((await second.add(report)).created).toBe(false)
    await second.close()
  })

  it('writes many concurrent reports each on its own line with distinct references', async () => {
    const store = await open()
    const results = await Promise.all(Array.from({ length: 500 }, () => store.add(sampleReport())))
    const ids = new Set(results.map((result) => result.id))
    expect(ids.size).toBe(500)
    for (const id of ids) expect(id).toMatch(REFERENCE_PATTERN)
    await store.close()
    const stored = (await lines()).map((line) => (JSON.parse(line) as StoredReport).id)
    expect(new Set(stored)).toEqual(ids)
  })

  it('cuts away a torn last record left by a crash and keeps every earlier one', async () => {
    const store = await open()
    const kept = await store.add(sampleReport())
    const alsoKept = await store.add(sampleReport())
    await store.close()
    const whole = JSON.stringify({
      id: 'SH-TORN00',
      receivedAt: new Date().toISOString(),
      ...sampleReport(),
    })
    await appendFile(file, whole.slice(0, 120))

    const reopened = await open()
    expect(reopened.count).toBe(2)
    expect(logs.join('\n')).toMatch(/incomplete last record \(120 bytes/)
    const next = await reopened.add(sampleReport())
    await reopened.close()
    const ids = (await lines()).map((line) => (JSON.parse(line) as StoredReport).id)
    expect(ids).toEqual([kept.id, alsoKept.id, next.id])
  })

  it('skips a damaged line in the middle with a log line and keeps the rest', async () => {
    const store = await open()
    const before = await store.add(sampleReport())
    await store.close()
    await appendFile(file, 'garbage that is not json\n{"hello":"world"}\n')
    const again = await open()
    const after = await again.add(sampleReport())
    expect(again.count).toBe(2)
    expect(await again.get(before.id)).not.toBeNull()
    expect(await again.get(after.id)).not.toBeNull()
    expect(logs.some((line) => line.includes('reports.jsonl:2: skipped a damaged line'))).toBe(true)
    expect(logs.some((line) => line.includes('reports.jsonl:3: skipped a damaged line'))).toBe(true)
    await again.close()
  })

  it('drops reports past the retention period at start and on compaction, and rewrites the file', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z')
    const store = await open(() => clock, 30)
    const old = await store.add(sampleReport({ app: 'old' }))
    clock += 20 * DAY
    const recent = await store.add(sampleReport({ app: 'recent' }))
    clock += 15 * DAY
    expect(await store.compact()).toEqual({ kept: 1, dropped: 1 })
    expect(await store.get(old.id)).toBeNull()
    expect(await store.get(recent.id)).toMatchObject({ app: 'recent' })
    const afterCompaction = await store.add(sampleReport({ app: 'after' }))
    await store.close()
    expect((await lines()).map((line) => (JSON.parse(line) as StoredReport).id)).toEqual([
      recent.id,
      afterCompaction.id,
    ])

    clock += 40 * DAY
    const later = await open(() => clock, 30)
    expect(later.count).toBe(0)
    expect(await lines()).toEqual([])
    await later.close()
  })

  it('lists newest first from the file after a compaction moved the records', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z')
    const store = await open(() => clock, 1)
    await store.add(sampleReport({ app: 'gone' }))
    clock += 2 * DAY
    const a = await store.add(sampleReport({ app: 'crm' }))
    const b = await store.add(sampleReport({ app: 'crm' }))
    await store.compact()
    const listed = await store.list({ app: null, sinceMs: null, limit: 10 })
    expect(listed.map((report) => report.id)).toEqual([b.id, a.id])
    await store.close()
  })

  it('refuses a second writer on the same data dir and takes over a lock left by a dead process', async () => {
    const first = await open()
    await expect(open()).rejects.toThrow(/already open in this process/)
    await first.close()

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])
    try {
      await writeFile(join(dir, 'reports.lock'), `${sleeper.pid}\n`)
      await expect(open()).rejects.toThrow(
        new RegExp(`held by process ${sleeper.pid}: another startup-help serve uses this data dir`),
      )
    } finally {
      sleeper.kill('SIGKILL')
      await once(sleeper, 'exit')
    }
    // The sleeper is gone now, like a service killed mid-stream: its lock no longer counts.
    const after = await open()
    expect(await readFile(join(dir, 'reports.lock'), 'utf8')).toBe(`${process.pid}\n`)
    await after.close()
    await expect(readFile(join(dir, 'reports.lock'))).rejects.toThrow(/ENOENT/)
  })

  it('refuses to add after close', async () => {
    const store = await open()
    await store.close()
    await expect(store.add(sampleReport())).rejects.toThrow(/closed/)
  })

  it('treats an empty or missing file as an empty store', async () => {
    await writeFile(file, '')
    const store = await open()
    expect(store.count).toBe(0)
    expect(await store.list({ app: null, sinceMs: null, limit: 50 })).toEqual([])
    await store.close()
  })
})

describe('FolderReportStorage handled marks and search', () => {
  const sidecar = () => join(dir, HANDLED_FILE_NAME)

  it('keeps marks in an fsynced sidecar log and never rewrites the reports file for them', async () => {
    const store = await open()
    const a = await store.add(sampleReport())
    const b = await store.add(sampleReport())
    const before = await readFile(file)
    await store.setHandled(a.id, true, 'anna', Date.parse('2026-11-22T10:00:00Z'))
    await store.setHandled(b.id, true, 'boris', Date.parse('2026-11-22T10:01:00Z'))
    await store.setHandled(a.id, false, 'anna', Date.parse('2026-11-22T10:02:00Z'))
    await store.close()
    expect(await readFile(file)).toEqual(before)
    expect((await readFile(sidecar(), 'utf8')).split('\n').filter(Boolean)).toEqual([
      JSON.stringify({ id: a.id, handled: { at: '2026-11-22T10:00:00.000Z', by: 'anna' } }),
      JSON.stringify({ id: b.id, handled: { at: '2026-11-22T10:01:00.000Z', by: 'boris' } }),
      JSON.stringify({ id: a.id, handled: null }),
    ])
  })

  it('writes the sidecar again from memory when it was deleted while running: no mark is lost', async () => {
    const first = await open()
    const a = await first.add(sampleReport())
    const b = await first.add(sampleReport())
    await first.setHandled(a.id, true, 'anna', Date.parse('2026-11-22T10:00:00Z'))
    await rm(sidecar())
    await first.setHandled(b.id, true, 'boris', Date.parse('2026-11-22T10:01:00Z'))
    expect(logs.some((line) => line.includes('was gone; written again from the 1 mark(s)'))).toBe(
      true,
    )
    await first.close()
    const second = await open()
    expect((await second.get(a.id))?.handled?.by).toBe('anna')
    expect((await second.get(b.id))?.handled?.by).toBe('boris')
    await second.close()
  })

  it('ignores a torn last line and a damaged line of the sidecar, saying so', async () => {
    const first = await open()
    const a = await first.add(sampleReport())
    const b = await first.add(sampleReport())
    await first.setHandled(a.id, true, 'anna', Date.parse('2026-11-22T10:00:00Z'))
    await first.close()
    await appendFile(sidecar(), 'not json\n')
    // A crash mid-write: the line that would have marked b never got its newline.
    await appendFile(sidecar(), `{"id":"${b.id}","handled":{"at":"2026-11-22T1`)

    const second = await open()
    expect((await second.get(a.id))?.handled).toEqual({
      at: '2026-11-22T10:00:00.000Z',
      by: 'anna',
    })
    expect((await second.get(b.id))?.handled).toBeNull()
    expect(logs.some((line) => line.includes('incomplete last line'))).toBe(true)
    expect(
      logs.some((line) => line.includes(`${HANDLED_FILE_NAME}:2: skipped a damaged line`)),
    ).toBe(true)
    // The next mark starts on a line of its own, not glued onto the torn one.
    await second.setHandled(b.id, true, 'boris', Date.parse('2026-11-22T11:00:00Z'))
    await second.close()
    const third = await open()
    expect((await third.get(b.id))?.handled).toEqual({
      at: '2026-11-22T11:00:00.000Z',
      by: 'boris',
    })
    await third.close()
  })

  it('forgets the marks of reports past retention and of re-opened reports when it compacts', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z')
    const store = await open(() => clock, 30)
    const old = await store.add(sampleReport())
    clock += 20 * DAY
    const recent = await store.add(sampleReport())
    const reopened = await store.add(sampleReport())
    await store.setHandled(old.id, true, 'anna', clock)
    await store.setHandled(recent.id, true, 'anna', clock)
    await store.setHandled(reopened.id, true, 'anna', clock)
    await store.setHandled(reopened.id, false, 'anna', clock)
    clock += 15 * DAY
    await store.compact()
    await store.close()
    expect((await readFile(sidecar(), 'utf8')).split('\n').filter(Boolean)).toEqual([
      JSON.stringify({
        id: recent.id,
        handled: { at: new Date(clock - 15 * DAY).toISOString(), by: 'anna' },
      }),
    ])
  })

  it('bounds the reports a text search reads per page and pages on from where it stopped', async () => {
    const store = await open()
    const match = await store.add(sampleReport({ comment: 'Принтер не печатает' }))
    await Promise.all(
      Array.from({ length: MAX_RECORD_READS_PER_PAGE + 5 }, () =>
        store.add(sampleReport({ comment: 'other' })),
      ),
    )
    const query = { app: null, sinceMs: null, limit: 10, text: 'принтер' }
    const first = await store.listPage({ ...query, cursor: null })
    expect(first).toMatchObject({ ok: true, items: [] })
    const next = first.ok ? first.nextCursor : null
    expect(next).not.toBeNull()
    const second = await store.listPage({ ...query, cursor: next })
    expect(second.ok && second.items.map((r) => r.id)).toEqual([match.id])
    expect(second.ok && second.nextCursor).toBeNull()
    await store.close()
  })
})

describe('references', () => {
  it('reads references as people type them and refuses what cannot be one', () => {
    expect(normalizeReference(' sh-7k3m9q ')).toBe('SH-7K3M9Q')
    expect(normalizeReference('7K3M9O')).toBe('SH-7K3M90')
    expect(normalizeReference('SH-ILLO00')).toBe('SH-111000')
    expect(normalizeReference('SH-UUUUUU')).toBeNull()
    expect(normalizeReference('SH-12345')).toBeNull()
  })
})
