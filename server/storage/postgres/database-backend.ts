import type { StatusStore } from '../../status/status-store.js'
import type { HistoryLimits } from '../history-limits.js'
import { type Database, openDatabase } from './database.js'
import { PostgresOutbox } from './postgres-outbox.js'
import { PostgresReportStorage } from './postgres-report-storage.js'
import { PostgresSignOuts } from './postgres-sign-outs.js'
import { PostgresStatusStorage } from './postgres-status-storage.js'
import { StatusFollower } from './status-follower.js'

export interface DatabaseBackendOptions {
  url: string
  /** The served status, fed from the database. */
  store: StatusStore
  /** This host's status file: seeds an empty database, else only compared. */
  statusFile: string
  retentionDays: number
  /** With a webhook, reports are queued for it in the outbox table (delivered by PostgresOutbox). */
  webhookUrl: string | null
  history?: HistoryLimits
  now?: () => number
  log?: (line: string) => void
}

/** Everything an instance keeps in PostgreSQL, opened together and closed together. */
export interface DatabaseBackend {
  db: Database
  reports: PostgresReportStorage
  statusStorage: PostgresStatusStorage
  follower: StatusFollower
  /** The webhook worker, or null without a webhook URL. */
  outbox: PostgresOutbox | null
  /** Console sign-outs, seen by every instance. */
  signOuts: PostgresSignOuts
  close(): Promise<void>
}

/**
 * Opens the database (migrating it), the report store, the status storage, and starts following
 * the status document: what `startServer` does when given a database URL.
 *
 * @example
 * const backend = await openDatabaseBackend({ url, store, statusFile: './status.json', retentionDays: 30 })
 */
export async function openDatabaseBackend(
  options: DatabaseBackendOptions,
): Promise<DatabaseBackend> {
  const log = options.log ?? ((line: string) => console.error(line))
  const db = await openDatabase({ url: options.url, log })
  try {
    const statusStorage = new PostgresStatusStorage({
      db,
      ...(options.history ? { history: options.history } : {}),
    })
    const follower = await StatusFollower.start({
      db,
      storage: statusStorage,
      store: options.store,
      localFile: options.statusFile,
      log,
    })
    const reports = await PostgresReportStorage.open({
      db,
      retentionDays: options.retentionDays,
      outbox: options.webhookUrl !== null,
      ...(options.now ? { now: options.now } : {}),
      log,
    })
    const outbox = options.webhookUrl
      ? new PostgresOutbox({ db, url: options.webhookUrl, log }).start()
      : null
    return {
      db,
      reports,
      statusStorage,
      follower,
      outbox,
      signOuts: new PostgresSignOuts(db),
      async close() {
        outbox?.close()
        await outbox?.idle()
        await follower.stop()
        await reports.close()
        await db.close()
      },
    }
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
}
