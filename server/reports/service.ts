import { type AttachmentStore, createFileAttachmentStore } from '../storage/folder/attachments.js'
import { FolderReportStorage } from '../storage/folder/folder-report-storage.js'
import type { ReportStorage } from '../storage/report-storage.js'
import type { DeliveriesReader } from '../storage/webhook-outbox.js'
import type { ReportsConfig } from './config.js'
import { createWebhookForwarder, type WebhookForwarder } from './webhook.js'

const DAY_MS = 86_400_000

export interface ReportServiceOptions {
  /** The data dir (`--data`); the store is `<dataDir>/reports.jsonl`. */
  dataDir: string
  /** From `readReportsConfig(process.env)`. */
  config: ReportsConfig
  now?: () => number
  log?: (line: string) => void
  /** Where reports go instead of `<dataDir>/reports.jsonl` (the database: `PostgresReportStorage`). */
  storage?: ReportStorage
  /** Replaces the in-memory forwarder of `config.webhookUrl` (the database's outbox: PostgresOutbox). */
  webhook?: WebhookForwarder | null
  /** Admin view of webhook deliveries (`GET /v1/reports/deliveries`); only the outbox has one. */
  deliveries?: DeliveriesReader
}

/**
 * The report part of a running service: the store, the files kept beside reports, the webhook
 * and the settings the routes need. `createApp` mounts the routes; this holds no HTTP.
 */
export interface ReportService {
  store: ReportStorage
  /** CORS allowlist, rate limit and proxy trust for `POST /v1/reports` (from `ReportsConfig`). */
  config: ReportsConfig
  /** Admin view of webhook deliveries; only the database outbox has one. */
  deliveries?: DeliveriesReader
  /** The clock the routes use for "handled" times (tests set it). */
  now?: () => number
  /** Files kept beside reports (1C screenshots) under `<dataDir>/attachments/`, same retention. */
  attachments: AttachmentStore
  webhook: WebhookForwarder | null
  /** Stops webhook retries and closes the store after its queued writes. */
  close(): Promise<void>
}

/**
 * Opens the store (repairing a torn tail, applying retention), the attachments and the webhook
 * — what `serve` needs in one call; `createApp({ reports })` mounts the routes.
 *
 * @example
 * const reports = await openReportService({ dataDir: 'data', config: readReportsConfig(process.env) })
 * const app = createApp({ store, dataDir: 'data', adminToken: null, reports })
 */
export async function openReportService(options: ReportServiceOptions): Promise<ReportService> {
  const { config } = options
  const store =
    options.storage ??
    (await FolderReportStorage.open({
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
    store,
    config,
    ...(options.deliveries ? { deliveries: options.deliveries } : {}),
    ...(options.now ? { now: options.now } : {}),
    attachments,
    webhook,
    async close() {
      clearInterval(timer)
      webhook?.close()
      await store.close()
    },
  }
}
