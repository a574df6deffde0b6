import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/storage/postgres/database.js'
import { PostgresReportStorage } from '../../server/storage/postgres/postgres-report-storage.js'
import { PostgresStatusStorage } from '../../server/storage/postgres/postgres-status-storage.js'
import { startPostgres, type TestPostgres } from '../support/postgres.js'
import { describeStorageContract } from './storage-contract.js'

let server: TestPostgres
beforeAll(async () => {
  server = await startPostgres()
})
afterAll(() => server.stop())

describeStorageContract('PostgreSQL', async () => {
  const url = await server.createDatabase()
  return {
    async open({ now, retentionDays }) {
      const db = await openDatabase({ url, log: () => {} })
      const reports = await PostgresReportStorage.open({ db, now, retentionDays, log: () => {} })
      const status = new PostgresStatusStorage({ db })
      return {
        reports,
        status,
        close: async () => {
          await reports.close()
          await db.close()
        },
      }
    },
    async openStatusWriter(history) {
      const db = await openDatabase({ url, log: () => {} })
      return {
        status: new PostgresStatusStorage({ db, ...(history ? { history } : {}) }),
        close: () => db.close(),
      }
    },
    dispose: async () => {},
  }
})

describe('PostgreSQL storage: rows kept before authors were recorded', () => {
  it('lists them with nobody named and only their replacement time', async () => {
    const db = await openDatabase({ url: await server.createDatabase(), log: () => {} })
    try {
      const storage = new PostgresStatusStorage({ db })
      await storage.edit(() => ({ text: '{"helpText":"now"}\n' }), Date.now(), 'alice')
      // As migration 3 found them: text and replacement time only.
      await db.pool.query(
        `INSERT INTO startup_help_status_history (text, replaced_at) VALUES ('{"helpText":"old"}\n', '2026-11-20T09:30:00Z')`,
      )
      const [current, old] = await storage.versions()
      expect(current).toMatchObject({ id: 'current', savedBy: 'alice', current: true })
      expect(old).toMatchObject({
        savedAt: null,
        savedBy: null,
        replacedAt: '2026-11-20T09:30:00.000Z',
        text: '{"helpText":"old"}\n',
        current: false,
      })
      expect(old?.id).toMatch(/^\d+$/)
      expect(old?.etag).not.toBe(current?.etag)
      expect(await storage.version(old?.id ?? '')).toEqual(old)
    } finally {
      await db.close()
    }
  })
})
