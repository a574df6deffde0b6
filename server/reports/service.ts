import type { Hono } from 'hono'
import type { AdminTokenSetting } from '../admin/admin-tokens.js'
import { type DeliveriesReader, reportRoutes } from '../routes/reports.js'
import type { ReportStorage } from '../storage/report-storage.js'
import { type AttachmentStore, createFileAttachmentStore } from './attachments.js'
import type { ReportsConfig } from './config.js'
import { ReportFileStore } from './file-store.js'
import { createWebhookForwarder, type WebhookForwarder } from './webhook.js'

const DAY_MS = 86_400_000

export interface ReportServiceOptions {
  /** The data dir (`--data`); the store is `<dataDir>/reports.jsonl`. */
  dataDir: string
  adminToken: AdminTokenSetting
  /** From `readReportsConfig(process.env)`. */
  config: ReportsConfig
  now?: () => number
  log?: (line: string) => void
  /** Where reports go instead of `<dataDir>/reports.jsonl` (the database: `PgReportStore`). */
  storage?: ReportStorage
  /** Replaces the in-memory forwarder of `config.webhookUrl` (the database's outbox: PgOutbox). */
  webhook?: WebhookForwarder | null
  /** Admin view of webhook deliveries (`GET /v1/reports/deliveries`); only the outbox has one. */
  deliveries?: DeliveriesReader
}

/** The report part of a running service: routes to mount, and what to close at shutdown. */
export interface ReportService {
  routes: Hono
  store: ReportStorage
  /** Files kept beside reports (1C screenshots) under `<dataDir>/attachments/`, same retention. */
  attachments: AttachmentStore
  webhook: WebhookForwarder | null
  /** Stops webhook retries and closes the store after its queued writes. */
  close(): Promise<void>
}

/**
 * Opens the store (repairing a torn tail, applying retention) and builds the routes with the
 * configured CORS allowlist, rate limit and webhook — what `serve` needs in one call.
 *
 * @example
 * const reports = await openReportService({ dataDir: 'data', adminToken: null, config: readReportsConfig(process.env) })
 * const app = createApp({ store, dataDir: 'data', adminToken: null, reports })
 */
export async function openReportService(options: ReportServiceOptions): Promise<ReportService> {
  const { config } = options
  const store =
    options.storage ??
    (await ReportFileStore.open({
      dir: options.dataDir,
      retentionDays: config.retentionDays,
      ...(options.now ? { now: options.now } : {}),
      ...(options.log ? { log: options.log } : {}),
    }))
  const webhook =
    options.webhook !== undefined
      ? options.webhook
      : config.webhookUrl
        ? createWebhookForwarder({
            url: config.webhookUrl,
            ...(options.log ? { log: options.log } : {}),
          })
        : null
  const routes = reportRoutes({
    store,
    adminToken: options.adminToken,
    allowedOrigins: config.allowedOrigins,
    reportsPerMinute: config.reportsPerMinute,
    trustProxy: config.trustProxy,
    webhook,
    ...(options.deliveries ? { deliveries: options.deliveries } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  const attachments = createFileAttachmentStore(options.dataDir)
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.warn(line))
  const prune = () =>
    attachments
      .prune(now() - config.retentionDays * DAY_MS)
      .then((removed) => {
        if (removed > 0)
          log(`reports: deleted ${removed} attachment(s) older than the retention period`)
      })
      .catch((error: unknown) =>
        log(`reports: could not prune attachments: ${(error as Error).message}`),
      )
  await prune()
  const timer = setInterval(() => void prune(), DAY_MS)
  timer.unref()
  return {
    routes,
    store,
    attachments,
    webhook,
    async close() {
      clearInterval(timer)
      webhook?.close()
      await store.close()
    },
  }
}
