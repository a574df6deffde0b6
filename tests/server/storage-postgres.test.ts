import { afterAll, beforeAll } from 'vitest'
import { openDatabase } from '../../server/postgres/database.js'
import { PgReportStore } from '../../server/postgres/report-store.js'
import { PgStatusStorage } from '../../server/postgres/status-storage.js'
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
      const reports = await PgReportStore.open({ db, now, retentionDays, log: () => {} })
      const status = new PgStatusStorage({ db })
      return {
        reports,
        status,
        close: async () => {
          await reports.close()
          await db.close()
        },
      }
    },
    async openStatusWriter() {
      const db = await openDatabase({ url, log: () => {} })
      return { status: new PgStatusStorage({ db }), close: () => db.close() }
    },
    dispose: async () => {},
  }
})
