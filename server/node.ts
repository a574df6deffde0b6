import { mkdirSync } from 'node:fs'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, dirname } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { PATHS } from '../formats/status-url.js'
import { createApp } from './app.js'
import { type ConnectionLimitsOptions, createLimitedServer } from './http/connection-limits.js'
import type { AdminTokenSetting } from './middleware/admin-tokens.js'
import { type OneCConfig, readOneCConfig } from './onec/config.js'
import { type ReportsConfig, readReportsConfig } from './reports/config.js'
import { openReportService } from './reports/service.js'
import { createStatusAnswerer, type StatusAnswerer } from './status/status-answer.js'
import { StatusStore } from './status/status-store.js'
import { historyFolder } from './storage/folder/history.js'
import { removeStaleTempFiles } from './storage/folder/stale-temp-files.js'
import { authorsFolder } from './storage/folder/version-authors.js'
import type { HistoryLimits } from './storage/history-limits.js'
import type { SavedDocument } from './storage/status-document-storage.js'

export interface StartServerOptions {
  statusFile: string
  dataDir: string
  /** 0 picks a free port (tests). */
  port: number
  host: string
  adminToken: AdminTokenSetting
  /** Longest `max-age` of a status answer when nothing is scheduled (seconds); default 60. */
  statusMaxAgeSeconds?: number
  /** Report settings; default: read from the environment (STARTUP_HELP_* variables). */
  reports?: ReportsConfig
  /** 1C:Enterprise error reports at `/1c`; default: read from the environment (STARTUP_HELP_1C_*). */
  oneC?: OneCConfig
  /** How much status history to keep; default DEFAULT_HISTORY_LIMITS (100 versions, 90 days). */
  history?: HistoryLimits
  /** Timeouts and the connection cap; default: see ConnectionLimitsOptions. */
  connections?: ConnectionLimitsOptions
  /**
   * PostgreSQL URL (`STARTUP_HELP_DATABASE_URL`, `--database`): the status document, its history
   * and the reports are kept there and shared by every instance using it; the status file then
   * only seeds an empty database. Absent: the status file and the data folder, as always.
   */
  databaseUrl?: string
  /** Clock for the status store; tests inject one. */
  now?: () => number
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  port: number
  app: Hono
  store: StatusStore
  server: Server
  /** Stops listening, drops kept-alive sockets and stops following the status file. */
  close(): Promise<void>
}

const STATUS_PATH = PATHS.status
const QUERY_MARK = 63 // '?'

/**
 * Answers `GET`/`HEAD /v1/status` straight from node:http and hands everything else to Hono.
 * The status answer is every client's hot path; going through Hono costs a Request, a Response and
 * a Headers per answer, which halves throughput. Both paths use `createStatusAnswerer`, so they
 * answer alike (tests/server/status-fast-path.test.ts holds them to it).
 */
function requestListener(
  answerer: StatusAnswerer,
  hono: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? ''
    const method = req.method
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      !url.startsWith(STATUS_PATH) ||
      (url.length !== STATUS_PATH.length && url.charCodeAt(STATUS_PATH.length) !== QUERY_MARK)
    ) {
      void hono(req, res)
      return
    }
    let answer: ReturnType<StatusAnswerer['answer']>
    try {
      const query =
        url.length > STATUS_PATH.length + 1
          ? new URLSearchParams(url.slice(STATUS_PATH.length + 1))
          : null
      answer = answerer.answer({
        app: query?.get('app'),
        lang: query?.get('lang'),
        acceptLanguage: req.headers['accept-language'],
        ifNoneMatch: req.headers['if-none-match'],
      })
    } catch {
      // Nothing is written yet: Hono answers again and its onError logs and sends the JSON 500.
      void hono(req, res)
      return
    }
    const { status, headers, body } = answer
    // writeHead fixes the framing at once: without a length Node would send the body chunked.
    // HEAD gets no length, as from Hono (Node leaves the body out of a HEAD answer itself).
    if (body !== null && method === 'GET') {
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    res.writeHead(status, headers)
    res.end(body ?? undefined)
  }
}

/**
 * Starts the status service on a real socket (Node). The status file is followed live.
 * `GET /v1/status` is answered without Hono (same answers, about twice the throughput); every other
 * request goes to the Hono app of `createApp`.
 *
 * @example
 * const running = await startServer({ statusFile: './status.json', dataDir: './data', port: 8787, host: '127.0.0.1', adminToken: null })
 * console.log(running.url)
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // Settings first: a mistake in them stops the start before anything is opened.
  const reportsConfig = options.reports ?? readReportsConfig(process.env)
  const oneC = options.oneC ?? readOneCConfig(process.env)
  mkdirSync(options.dataDir, { recursive: true })
  const log = options.log ?? ((line: string) => console.error(line))
  const store = new StatusStore({
    file: options.statusFile,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  // With a database, it is the source of truth: the store is fed from it, not from the file.
  // Loaded only with a database: the folder default starts without the PostgreSQL client.
  const database = options.databaseUrl
    ? await (await import('./storage/postgres/database-backend.js')).openDatabaseBackend({
        url: options.databaseUrl,
        store,
        statusFile: options.statusFile,
        retentionDays: reportsConfig.retentionDays,
        webhookUrl: reportsConfig.webhookUrl,
        ...(options.history ? { history: options.history } : {}),
        ...(options.now ? { now: options.now } : {}),
        log,
      })
    : null
  if (database === null) store.start()
  let reports: Awaited<ReturnType<typeof openReportService>>
  try {
    reports = await openReportService({
      dataDir: options.dataDir,
      config: reportsConfig,
      ...(database
        ? {
            storage: database.reports,
            webhook: database.outbox,
            ...(database.outbox ? { deliveries: database.outbox.list.bind(database.outbox) } : {}),
          }
        : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
    })
  } catch (error) {
    store.stop()
    await database?.close()
    throw error
  }
  // Now that the data folder is ours: temp files of saves that a kill interrupted.
  const removed = [
    ...(await removeStaleTempFiles(dirname(options.statusFile), {
      onlyFor: basename(options.statusFile),
    })),
    ...(await removeStaleTempFiles(options.dataDir)),
    ...(await removeStaleTempFiles(historyFolder(options.dataDir))),
    ...(await removeStaleTempFiles(authorsFolder(options.dataDir))),
  ]
  if (removed.length > 0) {
    log(
      `startup-help: removed ${removed.length} temp file(s) of interrupted saves: ${removed.join(', ')}`,
    )
  }
  // One answerer (one cache) for the fast path and the Hono route, so both give the same bytes.
  const answerer = createStatusAnswerer({
    store,
    ...(options.statusMaxAgeSeconds === undefined
      ? {}
      : { maxAgeSeconds: options.statusMaxAgeSeconds }),
  })
  const app = createApp({
    store,
    dataDir: options.dataDir,
    adminToken: options.adminToken,
    reports,
    statusAnswerer: answerer,
    oneC,
    reportsPerMinute: reportsConfig.reportsPerMinute,
    trustProxy: reportsConfig.trustProxy,
    ...(options.history ? { history: options.history } : {}),
    ...(database
      ? {
          consoleSignOuts: database.signOuts,
          statusStorage: database.statusStorage,
          onStatusSaved: (saved: SavedDocument) => store.load(saved.text, saved.savedAt),
          databaseHealth: () => database.follower.health(),
        }
      : {}),
  })
  const hono = getRequestListener(app.fetch, { hostname: options.host })
  const server = createLimitedServer(
    requestListener(answerer, hono),
    options.connections ?? {},
    log,
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      store.stop()
      void reports.close().then(() => database?.close())
      reject(error)
    })
    server.listen(options.port, options.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    store,
    server,
    close: async () => {
      store.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      // After the socket: in-flight reports finish their durable write first.
      await reports.close()
      await database?.close()
    },
  }
}
