import { Hono } from 'hono'
import { PATHS } from '../formats/status-url.js'
import { browserAssetsDir } from './assets.js'
import { CONSOLE_BASE, consoleRoutes } from './console/console-routes.js'
import { jsonError } from './http/error-body.js'
import type { AdminTokenSetting } from './middleware/admin-tokens.js'
import { securityHeaders } from './middleware/security-headers.js'
import type { OneCConfig } from './onec/config.js'
import type { ReportService } from './reports/service.js'
import { healthRoutes } from './routes/health.js'
import { helpPageRoutes } from './routes/help-page.js'
import { oneCRoutes } from './routes/onec.js'
import { reportAttachmentRoutes } from './routes/report-attachments.js'
import { reportRoutes } from './routes/reports.js'
import { schemaRoutes } from './routes/schema.js'
import { statusRoutes } from './routes/status.js'
import { statusDocumentRoutes } from './routes/status-document.js'
import { statusHistoryRoutes } from './routes/status-history.js'
import type { StatusAnswerer } from './status/status-answer.js'
import type { StatusStore } from './status/status-store.js'
import { FolderStatusStorage } from './storage/folder/folder-status-storage.js'
import type { HistoryLimits } from './storage/history-limits.js'
import type { DatabaseHealth } from './storage/postgres/status-follower.js'
import type { SignOutList } from './storage/sign-outs.js'
import type { SavedDocument, StatusDocumentStorage } from './storage/status-document-storage.js'
import { LIBRARY_VERSION } from './version.js'

export interface AppOptions {
  store: StatusStore
  /** Folder for history and reports. */
  dataDir: string
  /** Admin token; `null` turns the admin API off. */
  adminToken: AdminTokenSetting
  /** Longest `max-age` of a status answer when nothing is scheduled (seconds). */
  statusMaxAgeSeconds?: number
  /** The status answerer to share with a fast path outside Hono (server/node.ts); default: a new one. */
  statusAnswerer?: StatusAnswerer
  /** The report service (`openReportService(…)`): its API at `/v1/reports`, its health in `/healthz`; absent: no reports. */
  reports?: ReportService
  /** How much status history the admin API keeps; default DEFAULT_HISTORY_LIMITS. */
  history?: HistoryLimits
  /** Built browser files for `/help`; default `dist/browser`. */
  browserAssetsDir?: string
  /**
   * 1C:Enterprise's error-report protocol at `/1c` (`readOneCConfig(process.env)`); needs
   * `reports`. Absent or `enabled: false`: `/1c/…` is 404 like any unknown path.
   */
  oneC?: OneCConfig
  /** Reports per client address a minute for `/1c/pushReport` (as for browser reports); default 20. */
  reportsPerMinute?: number
  /** Client address from X-Forwarded-For, for that limit. */
  trustProxy?: boolean
  /**
   * Where admin edits of the status document go; default the status file (`store.file`) with
   * history in `dataDir`. With a database: `PostgresStatusStorage`, and `onStatusSaved` serves a save.
   */
  statusStorage?: StatusDocumentStorage
  /** Serves a saved document at once; default: the store re-reads its file. */
  onStatusSaved?: (saved: SavedDocument) => void
  /** Where console sign-outs are kept; default memory (one instance). With a database: `PostgresSignOuts`. */
  consoleSignOuts?: SignOutList
  /** The database part of `/healthz` (reachable, local status file same or different). */
  databaseHealth?: () => DatabaseHealth
}

/**
 * The status service as a Hono app: runtime-agnostic apart from the file store it is given.
 *
 * @example
 * const store = new StatusStore({ file: './status.json' }).start()
 * const app = createApp({ store, dataDir: './data', adminToken: null })
 * const res = await app.request('/v1/status?app=crm&lang=en')
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono()
  const { reports } = options
  // First, before the middleware: the status answer is every client's hot path and sets its own
  // CORS and secure headers (a route that answers ends the chain, so later middleware is skipped).
  app.route(
    '/',
    statusRoutes({
      store: options.store,
      ...(options.statusMaxAgeSeconds === undefined
        ? {}
        : { maxAgeSeconds: options.statusMaxAgeSeconds }),
      ...(options.statusAnswerer ? { answerer: options.statusAnswerer } : {}),
    }),
  )
  app.use(securityHeaders())
  app.route(
    '/',
    healthRoutes({
      store: options.store,
      version: LIBRARY_VERSION,
      ...(reports ? { reportsHealth: () => reports.store.health() } : {}),
      ...(options.databaseHealth ? { databaseHealth: options.databaseHealth } : {}),
    }),
  )
  app.route('/', schemaRoutes())
  const statusStorage =
    options.statusStorage ??
    new FolderStatusStorage({
      file: options.store.file,
      dataDir: options.dataDir,
      ...(options.history ? { history: options.history } : {}),
    })
  const onStatusSaved = options.onStatusSaved ?? (() => options.store.reload())
  // One storage for the document, its history and the console, so all see the same versions.
  const statusAdmin = {
    store: options.store,
    storage: statusStorage,
    adminToken: options.adminToken,
    onSaved: onStatusSaved,
  }
  app.route('/', statusDocumentRoutes(statusAdmin))
  app.route('/', statusHistoryRoutes(statusAdmin))
  if (reports) {
    app.route(
      PATHS.reports,
      reportRoutes({
        store: reports.store,
        adminToken: options.adminToken,
        allowedOrigins: reports.config.allowedOrigins,
        reportsPerMinute: reports.config.reportsPerMinute,
        trustProxy: reports.config.trustProxy,
        webhook: reports.webhook,
        ...(reports.deliveries ? { deliveries: reports.deliveries } : {}),
        ...(reports.now ? { now: reports.now } : {}),
      }),
    )
    app.route(
      PATHS.reports,
      reportAttachmentRoutes({
        store: reports.store,
        attachments: reports.attachments,
        adminToken: options.adminToken,
      }),
    )
  }
  if (reports && options.oneC?.enabled) {
    app.route(
      PATHS.oneC,
      oneCRoutes({
        status: options.store,
        reports: reports.store,
        attachments: reports.attachments,
        webhook: reports.webhook,
        config: options.oneC,
        ...(options.reportsPerMinute === undefined
          ? {}
          : { reportsPerMinute: options.reportsPerMinute }),
        ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
      }),
    )
  }
  app.route(
    CONSOLE_BASE,
    consoleRoutes({
      tokens: options.adminToken,
      // Null before any good load: nothing to edit from while the file is broken.
      servedDocument: () => (options.store.currentHash() === null ? null : options.store.current()),
      statusStorage,
      onStatusSaved,
      now: () => options.store.clock(),
      ...(options.consoleSignOuts ? { signOuts: options.consoleSignOuts } : {}),
      ...(reports ? { reports } : {}),
      browserAssetsDir: options.browserAssetsDir ?? browserAssetsDir(),
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    }),
  )
  app.route(
    PATHS.help,
    helpPageRoutes({
      resolveStatus: (id, lang) => options.store.resolve({ app: id, lang }),
      browserAssetsDir: options.browserAssetsDir ?? browserAssetsDir(),
    }),
  )
  app.notFound((c) => jsonError(c, 404, 'not-found', `no route for ${c.req.method} ${c.req.path}`))
  app.onError((error, c) => {
    console.error('startup-help: unexpected error', error)
    return jsonError(c, 500, 'internal', 'unexpected server error; see the service log')
  })
  return app
}
