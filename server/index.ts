export { type AppOptions, createApp } from './app.js'
export { defaultBrowserAssetsDir } from './browser-assets.js'
export { writeFileAtomic } from './durable-write.js'
export { type ErrorBody, type ErrorCode, jsonError } from './errors.js'
export { type AdminAuthOptions, adminAuth } from './middleware/admin-auth.js'
export { type RunningServer, type StartServerOptions, startServer } from './node.js'
export { type ReportsConfig, readReportsConfig } from './reports/config.js'
export { openReportService, type ReportService } from './reports/service.js'
export { type HelpPageRoutesOptions, helpPageRoutes } from './routes/help-page.js'
export { type ReportRoutesOptions, reportRoutes } from './routes/reports.js'
export { statusDocumentJsonSchema } from './status/json-schema.js'
export {
  formatProblem,
  parseStatusText,
  type StatusFileProblem,
} from './status/parse-status-file.js'
export { nextChangeAt, pickLanguage, resolveStatus } from './status/resolve-status.js'
export {
  type StatusFileHealth,
  StatusStore,
  type StatusStoreOptions,
} from './status/status-store.js'
