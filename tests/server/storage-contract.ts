/**
 * The one contract both storage backends keep (the data folder and PostgreSQL): run by
 * storage-file.test.ts and storage-postgres.test.ts, so a behaviour the service relies on cannot
 * hold for one backend only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReportStorage } from '../../server/storage/report-storage.js'
import type { StatusStorage } from '../../server/storage/status-storage.js'
import { sampleReport } from '../support/report-fixture.js'

export interface OpenedStorage {
  reports: ReportStorage
  status: StatusStorage
  close(): Promise<void>
}

/** One empty place to store into (a temp folder, a fresh database), opened as often as needed. */
export interface StoragePlace {
  open(options: { now: () => number; retentionDays: number }): Promise<OpenedStorage>
  /** One more writer of the status document (another admin, another instance). */
  openStatusWriter(): Promise<{ status: StatusStorage; close(): Promise<void> }>
  dispose(): Promise<void>
}

const DAY = 86_400_000
const T0 = Date.parse('2026-11-22T10:00:00.000Z')

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

    describe('status document', () => {
      it('has no document at first', async () => {
        const { status } = await open()
        expect(await status.read()).toEqual({ text: null, problem: null, etag: null })
        expect(await status.history()).toEqual([])
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
        expect(await status.history()).toEqual([
          '{"userMessage":"one"}\n',
          '{"userMessage":"two"}\n',
        ])
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
            const { etag } = await (writers[0] as { status: StatusStorage }).status.read()
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
