/**
 * `startup-help/server`: the status service for an app that embeds it. `startServer` is the
 * whole service on Node (what `startup-help serve` runs); `createApp` is the Hono app for other
 * runtimes or your own server, with a `StatusStore` and, for reports, `openReportService`.
 * Everything else is internal. Every example below is type-checked by tests/public-api.test.ts.
 *
 * @example
 * import { startServer } from 'startup-help/server'
 * const running = await startServer({ statusFile: './status.json', dataDir: './data', port: 8787, host: '127.0.0.1', adminToken: null })
 * console.log(running.url)
 */
export { type AppOptions, createApp } from './app.js'
export { type RunningServer, type StartServerOptions, startServer } from './node.js'
export { type ReportsConfig, readReportsConfig } from './reports/config.js'
export {
  openReportService,
  type ReportService,
  type ReportServiceOptions,
} from './reports/service.js'
export {
  type StatusFileHealth,
  StatusStore,
  type StatusStoreOptions,
} from './status/status-store.js'
