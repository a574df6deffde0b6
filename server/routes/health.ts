import { Hono } from 'hono'
import { PATHS } from '../../formats/status-url.js'
import type { StatusStore } from '../status/status-store.js'
import type { DatabaseHealth } from '../storage/postgres/status-follower.js'
import type { ReportStoreHealth } from '../storage/store-health.js'

export interface HealthRoutesOptions {
  store: StatusStore
  version: string
  /** The report store's health (`FolderReportStorage.health`); absent when reports are off. */
  reportsHealth?: () => Promise<ReportStoreHealth>
  /** With a database: whether it is reachable and whether this host's status file differs. */
  databaseHealth?: () => DatabaseHealth
}

/**
 * `GET /healthz`: 200 while the service can do its work; 503 when reports cannot be stored (the
 * data folder is gone, the disk full or read-only), naming the reason. An invalid status file does
 * not make the service unhealthy: it keeps serving the last good one, and `statusFile` says so.
 *
 * @example
 * app.route('/', healthRoutes({ store, version: '0.1.0', reportsHealth: () => reports.store.health() }))
 */
export function healthRoutes(options: HealthRoutesOptions): Hono {
  const routes = new Hono()
  routes.get(PATHS.health, async (c) => {
    c.header('Cache-Control', 'no-store')
    const reports = options.reportsHealth ? await options.reportsHealth() : null
    const ok = reports === null || reports.writable
    return c.json(
      {
        ok,
        version: options.version,
        statusFile: options.store.health(),
        ...(reports === null ? {} : { reports }),
        ...(options.databaseHealth ? { database: options.databaseHealth() } : {}),
      },
      ok ? 200 : 503,
    )
  })
  return routes
}
