import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { createApp } from './app.js'
import { type ReportsConfig, readReportsConfig } from './reports/config.js'
import { openReportService } from './reports/service.js'
import { StatusStore } from './status/status-store.js'

export interface StartServerOptions {
  statusFile: string
  dataDir: string
  /** 0 picks a free port (tests). */
  port: number
  host: string
  adminToken: string | null
  /** Report settings; default: read from the environment (STARTUP_HELP_* variables). */
  reports?: ReportsConfig
  /** Clock for the status store; tests inject one. */
  now?: () => number
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  port: number
  app: Hono
  store: StatusStore
  server: ServerType
  /** Stops listening, drops kept-alive sockets and stops following the status file. */
  close(): Promise<void>
}

/**
 * Starts the status service on a real socket (Node). The status file is followed live.
 *
 * @example
 * const running = await startServer({ statusFile: './status.json', dataDir: './data', port: 8787, host: '127.0.0.1', adminToken: null })
 * console.log(running.url)
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true })
  const store = new StatusStore({
    file: options.statusFile,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  }).start()
  let reports: Awaited<ReturnType<typeof openReportService>>
  try {
    reports = await openReportService({
      dataDir: options.dataDir,
      adminToken: options.adminToken,
      config: options.reports ?? readReportsConfig(process.env),
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
    })
  } catch (error) {
    store.stop()
    throw error
  }
  const app = createApp({
    store,
    dataDir: options.dataDir,
    adminToken: options.adminToken,
    reportRoutes: reports.routes,
  })
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(s),
    )
    s.once('error', (error) => {
      store.stop()
      void reports.close()
      reject(error)
    })
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
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      // After the socket: in-flight reports finish their durable write first.
      await reports.close()
    },
  }
}
