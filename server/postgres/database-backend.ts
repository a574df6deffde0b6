import type { HistoryLimits } from '../status/history.js'
import type { StatusStore } from '../status/status-store.js'
import { PgSignOuts } from './console-sign-outs.js'
import { type Database, openDatabase } from './database.js'
import { PgOutbox } from './outbox.js'
import { PgReportStore } from './report-store.js'
import { StatusFollower } from './status-follower.js'
import { PgStatusStorage } from './status-storage.js'

export interface DatabaseBackendOptions {
  url: string
  /** The served status, fed from the database. */
  store: StatusStore
  /** This host's status file: seeds an empty database, else only compared. */
  statusFile: string
  retentionDays: number
  /** With a webhook, reports are queued for it in the outbox table (delivered by PgOutbox). */
  webhookUrl: string | null
  history?: HistoryLimits
  now?: () => number
  log?: (line: string) => void
}

/** Everything an instance keeps in PostgreSQL, opened together and closed together. */
export interface DatabaseBackend {
  db: Database
  reports: PgReportStore
  statusStorage: PgStatusStorage
  follower: StatusFollower
  /** The webhook worker, or null without a webhook URL. */
  outbox: PgOutbox | null
  /** Console sign-outs, seen by every instance. */
  signOuts: PgSignOuts
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
    const statusStorage = new PgStatusStorage({
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
    const reports = await PgReportStore.open({
      db,
      retentionDays: options.retentionDays,
      outbox: options.webhookUrl !== null,
      ...(options.now ? { now: options.now } : {}),
      log,
    })
    const outbox = options.webhookUrl
      ? new PgOutbox({ db, url: options.webhookUrl, log }).start()
      : null
    return {
      db,
      reports,
      statusStorage,
      follower,
      outbox,
      signOuts: new PgSignOuts(db),
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
