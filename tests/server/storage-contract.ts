/**
 * The one contract both storage backends keep (the data folder and PostgreSQL): run by
 * storage-file.test.ts and storage-postgres.test.ts, so a behaviour the service relies on cannot
 * hold for one backend only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredReport } from '../../formats/report.js'
import type { HistoryLimits } from '../../server/storage/history-limits.js'
import { CountRangeError } from '../../server/storage/report-counts.js'
import type { PageResult, ReportQuery } from '../../server/storage/report-query.js'
import type { ReportStorage } from '../../server/storage/report-storage.js'
import { restoreVersion } from '../../server/storage/restore-version.js'
import type { StatusDocumentStorage } from '../../server/storage/status-document-storage.js'
import { sampleOneCReport, sampleReport } from '../support/report-fixture.js'

export interface OpenedStorage {
  reports: ReportStorage
  status: StatusDocumentStorage
  close(): Promise<void>
}

/** One empty place to store into (a temp folder, a fresh database), opened as often as needed. */
export interface StoragePlace {
  open(options: { now: () => number; retentionDays: number }): Promise<OpenedStorage>
  /** One more writer of the status document (another admin, another instance). */
  openStatusWriter(
    history?: HistoryLimits,
  ): Promise<{ status: StatusDocumentStorage; close(): Promise<void> }>
  dispose(): Promise<void>
}

const DAY = 86_400_000
const HOUR = 3_600_000
const T0 = Date.parse('2026-11-22T10:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()

export function describeStorageContract(name: string, newPlace: () => Promise<StoragePlace>) {
  describe(`${name} storage contract`, () => {
    let place: StoragePlace
    let opened: OpenedStorage[]
    let clock: number
    const open = async (retentionDays = 30) => {
      const storage = await place.open({ now: () => clock, retentionDays })
      opened.push(storage)
      return storage
    }

    beforeEach(async () => {
      place = await newPlace()
      opened = []
      clock = T0
    })

    afterEach(async () => {
      for (const storage of opened) await storage.close()
      await place.dispose()
    })

    describe('reports', () => {
      it('stores a report and gives it back by its reference', async () => {
        const { reports } = await open()
        const report = sampleReport({ comment: 'Вход не работает' })
        const added = await reports.add(report)
        expect(added.created).toBe(true)
        expect(added.id).toMatch(/^SH-[0-9A-Z]{6}$/)
        expect(added.receivedAt).toBe(new Date(T0).toISOString())
        expect(await reports.get(added.id)).toEqual({
          id: added.id,
          receivedAt: added.receivedAt,
          ...report,
          handled: null,
        })
        expect(await reports.get('SH-000000')).toBeNull()
      })

      it('stores a replayed report once and answers with the first reference', async () => {
        const { reports } = await open()
        const report = sampleReport()
        const first = await reports.add(report)
        const again = await reports.add(report)
        expect(again).toMatchObject({ id: first.id, created: false, record: null })
        const page = await reports.listPage({ app: null, sinceMs: null, limit: 10, cursor: null })
        expect(page.ok && page.items.map((r) => r.id)).toEqual([first.id])
      })

      it('stores one copy when the same report arrives several times at once', async () => {
        const { reports } = await open()
        const report = sampleReport()
        const results = await Promise.all([1, 2, 3, 4, 5].map(() => reports.add(report)))
        expect(results.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(results.map((r) => r.id)).size).toBe(1)
      })

      it('lists newest first, filters by app and time, and pages through every report once', async () => {
        const { reports } = await open()
        const ids: string[] = []
        for (let index = 0; index < 7; index += 1) {
          clock = T0 + index * 1000
          const app = index % 2 === 0 ? 'crm' : 'hr'
          ids.push((await reports.add(sampleReport({ app }))).id)
        }
        const seen: string[] = []
        let cursor: string | null = null
        for (;;) {
          const page = await reports.listPage({ app: null, sinceMs: null, limit: 3, cursor })
          if (!page.ok) throw new Error(page.message)
          seen.push(...page.items.map((r) => r.id))
          cursor = page.nextCursor
          if (cursor === null) break
        }
        expect(seen).toEqual([...ids].reverse())
        const crm = await reports.listPage({
          app: 'crm',
          sinceMs: T0 + 3000,
          limit: 10,
          cursor: null,
        })
        expect(crm.ok && crm.items.map((r) => r.id)).toEqual([ids[6], ids[4]])
      })

      it('refuses a cursor that names no stored report', async () => {
        const { reports } = await open()
        await reports.add(sampleReport())
        const page = await reports.listPage({
          app: null,
          sinceMs: null,
          limit: 10,
          cursor: 'SH-000000',
        })
        expect(page).toMatchObject({ ok: false, field: 'cursor' })
      })

      it('drops reports past the retention period when opened again', async () => {
        const first = await open(30)
        const old = await first.reports.add(sampleReport())
        clock = T0 + 29 * DAY
        const recent = await first.reports.add(sampleReport())
        await first.close()
        opened = opened.filter((s) => s !== first)
        clock = T0 + 31 * DAY
        const { reports } = await open(30)
        expect(await reports.get(old.id)).toBeNull()
        expect(await reports.get(recent.id)).not.toBeNull()
      })

      it('says it can store reports', async () => {
        const { reports } = await open()
        expect(await reports.health()).toEqual({ writable: true, reason: null, since: null })
      })
    })

    describe('support inbox', () => {
      /** a: crm http-error (T0), b: hr timeout (+1 h), c: 1C (+2 h), d: crm offline (+2 h 1 s). */
      async function fill(reports: ReportStorage) {
        const add = async (at: number, report: Parameters<ReportStorage['add']>[0]) => {
          clock = at
          return (await reports.add(report)).id
        }
        const a = await add(T0, sampleReport({ comment: 'Вход не работает' }))
        const b = await add(
          T0 + HOUR,
          sampleReport({
            app: 'hr',
            comment: 'Печать 100% зависла_',
            failure: { ...sampleReport().failure, kind: 'timeout', status: null },
          }),
        )
        const c = await add(
          T0 + 2 * HOUR,
          sampleOneCReport({ description: 'Не проводится документ' }),
        )
        const d = await add(
          T0 + 2 * HOUR + 1000,
          sampleReport({ failure: { ...sampleReport().failure, kind: 'offline', status: null } }),
        )
        return { a, b, c, d }
      }
      const ids = (page: PageResult<StoredReport>) =>
        page.ok ? page.items.map((r) => r.id) : page.message
      const list = (reports: ReportStorage, filters: Partial<ReportQuery>) =>
        reports.listPage({ app: null, sinceMs: null, limit: 50, cursor: null, ...filters })

      it('filters by until, kind and handled, alone and with the other filters', async () => {
        const { reports } = await open()
        const { a, b, c, d } = await fill(reports)
        expect(ids(await list(reports, { untilMs: T0 + HOUR }))).toEqual([a])
        expect(ids(await list(reports, { sinceMs: T0 + HOUR, untilMs: T0 + 2 * HOUR }))).toEqual([
          b,
        ])
        expect(ids(await list(reports, { kind: 'timeout' }))).toEqual([b])
        expect(ids(await list(reports, { kind: '1c' }))).toEqual([c])
        expect(ids(await list(reports, { kind: 'offline', app: 'crm' }))).toEqual([d])
        expect(ids(await list(reports, { kind: 'offline', app: 'hr' }))).toEqual([])
        await reports.setHandled(b, true, 'support', T0 + 3 * HOUR)
        expect(ids(await list(reports, { handled: 'handled' }))).toEqual([b])
        expect(ids(await list(reports, { handled: 'open' }))).toEqual([d, c, a])
        expect(ids(await list(reports, { handled: 'open', kind: 'timeout' }))).toEqual([])
      })

      it('finds text in the comment, a 1C description or the reference, ignoring case', async () => {
        const { reports } = await open()
        const { a, b, c } = await fill(reports)
        expect(ids(await list(reports, { text: 'вход' }))).toEqual([a])
        expect(ids(await list(reports, { text: 'НЕ РАБОТАЕТ' }))).toEqual([a])
        expect(ids(await list(reports, { text: 'Login' }))).toEqual([])
        expect(ids(await list(reports, { text: 'проводится' }))).toEqual([c])
        expect(ids(await list(reports, { text: a.toLowerCase() }))).toEqual([a])
        // LIKE's wildcards are the user's characters, not patterns.
        expect(ids(await list(reports, { text: '100%' }))).toEqual([b])
        expect(ids(await list(reports, { text: '%' }))).toEqual([b])
        expect(ids(await list(reports, { text: '_' }))).toEqual([b])
        expect(ids(await list(reports, { text: 'вход', kind: 'http-error', app: 'crm' }))).toEqual([
          a,
        ])
        expect(ids(await list(reports, { text: 'вход', kind: 'timeout' }))).toEqual([])
      })

      it('pages through a text search, every match once', async () => {
        const { reports } = await open()
        const { a, c } = await fill(reports)
        const seen: string[] = []
        let cursor: string | null = null
        for (;;) {
          const page = await list(reports, { text: 'О', limit: 1, cursor })
          if (!page.ok) throw new Error(page.message)
          seen.push(...page.items.map((r) => r.id))
          cursor = page.nextCursor
          if (cursor === null) break
        }
        expect(seen).toEqual([c, a])
      })

      it('marks a report handled and open again, durably, and says null for an unknown one', async () => {
        const first = await open()
        const { a } = await fill(first.reports)
        const mark = { at: new Date(T0 + 5000).toISOString(), by: 'support' }
        const marked = await first.reports.setHandled(a, true, 'support', T0 + 5000)
        expect(marked).toMatchObject({ id: a, comment: 'Вход не работает', handled: mark })
        expect((await first.reports.get(a))?.handled).toEqual(mark)
        expect(await first.reports.setHandled('SH-000000', true, 'support', T0)).toBeNull()
        await first.close()
        opened = opened.filter((s) => s !== first)

        const second = await open()
        expect((await second.reports.get(a))?.handled).toEqual(mark)
        const reopened = await second.reports.setHandled(a, false, 'lead', T0 + 6000)
        expect(reopened?.handled).toBeNull()
        await second.close()
        opened = opened.filter((s) => s !== second)

        const { reports } = await open()
        expect((await reports.get(a))?.handled).toBeNull()
        expect(ids(await list(reports, { handled: 'handled' }))).toEqual([])
      })

      it('counts reports per bucket aligned to its length, with empty buckets', async () => {
        const { reports } = await open()
        await fill(reports)
        const query = { app: null, sinceMs: T0 + HOUR / 2, untilMs: T0 + 3 * HOUR + 1, kind: null }
        // T0 is 10:00 UTC: the first bucket starts there, not at since; a (at T0) is before since.
        expect(await reports.countByTime(query, HOUR)).toEqual([
          { startMs: T0, count: 0 },
          { startMs: T0 + HOUR, count: 1 },
          { startMs: T0 + 2 * HOUR, count: 2 },
          { startMs: T0 + 3 * HOUR, count: 0 },
        ])
        const counts = async (filters: object, bucket = HOUR) =>
          (await reports.countByTime({ ...query, ...filters }, bucket)).map((b) => b.count)
        expect(await counts({ kind: '1c' })).toEqual([0, 0, 1, 0])
        expect(await counts({ app: 'crm' })).toEqual([0, 0, 1, 0])
        expect(await counts({ app: 'crm', kind: 'offline' })).toEqual([0, 0, 1, 0])
        const midnight = Date.parse('2026-11-22T00:00:00Z')
        expect(
          await reports.countByTime({ ...query, sinceMs: T0, untilMs: T0 + DAY }, DAY),
        ).toEqual([
          { startMs: midnight, count: 4 },
          { startMs: midnight + DAY, count: 0 },
        ])
      })

      it('refuses a count of more than 1000 buckets or an empty range', async () => {
        const { reports } = await open()
        const minute = 60_000
        const query = { app: null, sinceMs: T0, untilMs: T0 + 1000 * minute, kind: null }
        expect(await reports.countByTime(query, minute)).toHaveLength(1000)
        await expect(
          reports.countByTime({ ...query, untilMs: T0 + 1001 * minute }, minute),
        ).rejects.toThrow(CountRangeError)
        await expect(reports.countByTime({ ...query, untilMs: T0 }, minute)).rejects.toThrow(
          CountRangeError,
        )
      })
    })

    describe('status document', () => {
      it('has no document at first', async () => {
        const { status } = await open()
        expect(await status.read()).toEqual({ text: null, problem: null, etag: null })
        expect(await status.versions()).toEqual([])
        expect(await status.version('current')).toBeNull()
      })

      it('saves a document and gives it a new ETag on every change', async () => {
        const { status } = await open()
        const first = await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock)
        if (!first.ok) throw new Error(first.conflict)
        const read = await status.read()
        expect(read).toEqual({
          text: '{"userMessage":"one"}\n',
          problem: null,
          etag: first.saved.etag,
        })
        const second = await status.edit(() => ({ text: '{"userMessage":"two"}\n' }), clock)
        expect(second.ok && second.saved.etag).not.toBe(first.saved.etag)
      })

      it('hands the edit the current text and ETag, and keeps what it replaced as history', async () => {
        const { status } = await open()
        await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock)
        await status.edit(() => ({ text: '{"userMessage":"two"}\n' }), clock + 1)
        let seen: { text: string | null; etag: string | null } = { text: null, etag: null }
        await status.edit((current) => {
          seen = current
          return { text: '{"userMessage":"three"}\n' }
        }, clock + 2)
        expect(seen.text).toBe('{"userMessage":"two"}\n')
        expect(seen.etag).not.toBeNull()
        expect((await status.versions()).map((v) => v.text)).toEqual([
          '{"userMessage":"three"}\n',
          '{"userMessage":"two"}\n',
          '{"userMessage":"one"}\n',
        ])
      })

      it('knows who saved every version and when, newest first, the current one first', async () => {
        const { status } = await open()
        const one = await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock)
        const two = await status.edit(
          () => ({ text: '{"userMessage":"two"}\n' }),
          clock + 1000,
          'alice',
        )
        await status.edit(() => ({ text: '{"userMessage":"three"}\n' }), clock + 2000, 'cli')
        expect(one.ok && one.saved.savedBy).toBe('admin')
        expect(two.ok && two.saved).toMatchObject({ savedBy: 'alice', savedAt: iso(clock + 1000) })
        const versions = await status.versions()
        expect(versions.map(({ text, ...rest }) => ({ ...rest, id: typeof rest.id }))).toEqual([
          {
            id: 'string',
            savedAt: iso(clock + 2000),
            savedBy: 'cli',
            replacedAt: null,
            etag: (await status.read()).etag,
            current: true,
          },
          {
            id: 'string',
            savedAt: iso(clock + 1000),
            savedBy: 'alice',
            replacedAt: iso(clock + 2000),
            etag: two.ok && two.saved.etag,
            current: false,
          },
          {
            id: 'string',
            savedAt: iso(clock),
            savedBy: 'admin',
            replacedAt: iso(clock + 1000),
            etag: one.ok && one.saved.etag,
            current: false,
          },
        ])
        expect(versions[0]?.id).toBe('current')
        for (const version of versions) {
          expect(version.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
          expect(await status.version(version.id)).toEqual(version)
        }
      })

      it('knows no version by an id that is not one of its own', async () => {
        const { status } = await open()
        await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock)
        await status.edit(() => ({ text: '{"userMessage":"two"}\n' }), clock + 1)
        for (const id of [
          '../x',
          '..',
          '../status',
          '/etc/passwd',
          'current/..',
          '%2e%2e',
          '',
          '0',
          '99999',
          'x'.repeat(300),
        ]) {
          expect(await status.version(id)).toBeNull()
        }
      })

      it('keeps its history within its bounds, and who saved the versions it keeps', async () => {
        const writer = await place.openStatusWriter({ versions: 2, days: 90 })
        try {
          for (let i = 1; i <= 5; i += 1) {
            await writer.status.edit(
              () => ({ text: `{"userMessage":"v${i}"}\n` }),
              clock + i,
              `admin${i}`,
            )
          }
          const versions = await writer.status.versions()
          expect(versions.map((v) => [v.text, v.savedBy, v.current])).toEqual([
            ['{"userMessage":"v5"}\n', 'admin5', true],
            ['{"userMessage":"v4"}\n', 'admin4', false],
            ['{"userMessage":"v3"}\n', 'admin3', false],
          ])
        } finally {
          await writer.close()
        }
      })

      it('restores an old version as a new one, by the restorer, keeping every version', async () => {
        const { status } = await open()
        await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock, 'alice')
        await status.edit(() => ({ text: '{"userMessage":"two"}\n' }), clock + 1000, 'bob')
        const [current, old] = await status.versions()
        if (!current || !old) throw new Error('two versions expected')
        const restored = await restoreVersion(status, old.id, current.etag, 'carol', clock + 2000)
        if (!restored.ok) throw new Error(restored.message)
        expect(restored.saved).toMatchObject({
          text: old.text,
          savedBy: 'carol',
          savedAt: iso(clock + 2000),
        })
        expect(restored.saved.etag).not.toBe(current.etag)
        const after = await status.versions()
        expect(after.map((v) => [v.text, v.savedBy, v.current])).toEqual([
          ['{"userMessage":"one"}\n', 'carol', true],
          ['{"userMessage":"two"}\n', 'bob', false],
          ['{"userMessage":"one"}\n', 'alice', false],
        ])
        expect((await status.read()).etag).toBe(restored.saved.etag)
      })

      it('refuses a restore over a changed document, of an unknown id, or of an invalid text', async () => {
        const { status } = await open()
        await status.edit(() => ({ text: '{"userMessage":"one"}\n' }), clock)
        const [stale] = await status.versions()
        await status.edit(() => ({ text: '{"userMessage":"two"}\n' }), clock + 1)
        await status.edit(() => ({ text: '{"userMessage": 3}\n' }), clock + 2)
        const [, two, one] = await status.versions()
        if (!stale || !two || !one) throw new Error('versions expected')
        const before = await status.versions()
        expect(await restoreVersion(status, one.id, stale.etag, 'carol', clock + 3)).toMatchObject({
          ok: false,
          reason: 'conflict',
        })
        const etag = (await status.read()).etag ?? ''
        expect(await restoreVersion(status, '../x', etag, 'carol', clock + 3)).toMatchObject({
          ok: false,
          reason: 'not-found',
        })
        await status.edit(() => ({ text: '{"userMessage":"four"}\n' }), clock + 4)
        const [, invalid] = await status.versions()
        const now = (await status.read()).etag ?? ''
        expect(
          await restoreVersion(status, invalid?.id ?? '', now, 'carol', clock + 5),
        ).toMatchObject({
          ok: false,
          reason: 'invalid',
        })
        expect((await status.versions()).length).toBe(before.length + 1)
      })

      it('changes nothing when the edit refuses', async () => {
        const { status } = await open()
        await status.edit(() => ({ text: '{}\n' }), clock)
        const before = await status.read()
        const result = await status.edit(() => ({ conflict: 'If-Match does not match' }), clock)
        expect(result).toEqual({ ok: false, conflict: 'If-Match does not match' })
        expect(await status.read()).toEqual(before)
      })

      it('lets exactly one of several writers that read the same version win', async () => {
        const writers = await Promise.all([1, 2, 3].map(() => place.openStatusWriter()))
        try {
          await writers[0]?.status.edit(() => ({ text: '{}\n' }), clock)
          for (let round = 0; round < 5; round += 1) {
            const { etag } = await (writers[0] as { status: StatusDocumentStorage }).status.read()
            // Each writer's If-Match is the version all of them read; they save at the same moment.
            const results = await Promise.all(
              writers.map((w, index) =>
                w.status.edit(
                  (current) =>
                    current.etag === etag
                      ? { text: `{"userMessage":"round ${round} writer ${index}"}\n` }
                      : { conflict: 'If-Match does not match' },
                  clock,
                ),
              ),
            )
            expect(results.filter((r) => r.ok)).toHaveLength(1)
          }
        } finally {
          for (const writer of writers) await writer.close()
        }
      })
    })
  })
}
