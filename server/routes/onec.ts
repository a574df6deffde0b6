import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeIssue } from '../../formats/describe-issues.js'
import { HEADERS } from '../../formats/headers.js'
import {
  ONEC_DUMP_TYPE,
  type OneCGetInfoAnswer,
  oneCGetInfoRequestSchema,
} from '../../formats/onec.js'
import type { OneCReportInput } from '../../formats/report.js'
import { jsonError } from '../http/error-body.js'
import { readJsonBody } from '../http/read-json-body.js'
import { answerUnavailable, UnavailableError } from '../http/unavailable.js'
import { rateLimit } from '../middleware/rate-limit.js'
import type { OneCConfig } from '../onec/config.js'
import { OneCReportError, readReportZip } from '../onec/read-report-zip.js'
import { RecentOccurrences } from '../onec/recent-occurrences.js'
import { clientReportIdFor, errorKey } from '../onec/report-identity.js'
import { appForConfigName, oneCLanguage, oneCUserMessage } from '../onec/status-for-config.js'
import type { WebhookForwarder } from '../reports/webhook.js'
import type { StatusStore } from '../status/status-store.js'
import type { AttachmentStore } from '../storage/folder/attachments.js'
import type { FolderReportStorage } from '../storage/folder/folder-report-storage.js'
import { StoreUnavailableError } from '../storage/store-health.js'

/** getInfo's JSON is under 1 KB; a receiver we read caps it at 10 KB. */
const MAX_GET_INFO_BYTES = 64 * 1024
/** The ZIP, as multipart or raw: a report with a screenshot is 0.1–3 MB; a receiver we read caps it at 10 MB. */
export const DEFAULT_MAX_PUSH_BYTES = 10 * 1024 * 1024
/** A 1C report holds report.json, a screenshot and a few added files. */
const MAX_ZIP_ENTRIES = 64
/** Stored as one line of reports.jsonl, which reads lines of up to 1 MiB. */
const MAX_REPORT_JSON_BYTES = 512 * 1024
const HOUR_MS = 3_600_000
/** Errors remembered for duplicate counting; about 1 KB each at most. */
const MAX_ERRORS_REMEMBERED = 10_000
const STORE_RETRY_AFTER_SECONDS = 30

export interface OneCRoutesOptions {
  /** The status the user message comes from, and the app mapping (`apps.<id>.oneCConfigNames`). */
  status: StatusStore
  reports: Pick<FolderReportStorage, 'add'>
  attachments: AttachmentStore
  webhook?: WebhookForwarder | null
  config: OneCConfig
  /** Reports per client address per minute, as for browser reports; 0 turns it off. */
  reportsPerMinute?: number
  trustProxy?: boolean
  /** A pushReport body above this is refused with 413. Default 10 MiB. */
  maxBodyBytes?: number
  now?: () => number
}

/**
 * 1C:Enterprise's error-report protocol, to mount at `/1c` (set `https://HOST/1c` as the
 * infobase's error reporting service): `POST /getInfo` answers whether to send the report and the
 * current incident message for the configuration's app; `POST /pushReport` stores the report ZIP
 * (multipart, first file part, or a raw body) in the report store with `source: '1c'`, and answers
 * an empty 200. An error stored `reportsPerErrorPerHour` times this hour is counted, not stored again.
 *
 * @example
 * app.route('/1c', oneCRoutes({ status, reports: store, attachments, config: readOneCConfig(process.env) }))
 */
export function oneCRoutes(options: OneCRoutesOptions): Hono {
  const { config, status } = options
  const now = options.now ?? Date.now
  const perHour = config.reportsPerErrorPerHour
  // Stored reports per error decide; every sighting (getInfo, a duplicate pushReport) is counted
  // for support to see in the next stored record.
  const stored = new RecentOccurrences({
    windowMs: HOUR_MS,
    keep: Math.max(1, perHour),
    maxKeys: MAX_ERRORS_REMEMBERED,
    now,
  })
  const asked = new RecentOccurrences({
    windowMs: HOUR_MS,
    keep: 100,
    maxKeys: MAX_ERRORS_REMEMBERED,
    now,
  })
  const maxPushBytes = options.maxBodyBytes ?? DEFAULT_MAX_PUSH_BYTES
  const app = new Hono()

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.post(
    '/getInfo',
    bodyLimit({
      maxSize: MAX_GET_INFO_BYTES,
      onError: (c) =>
        jsonError(
          c,
          413,
          'payload-too-large',
          `getInfo may be at most ${MAX_GET_INFO_BYTES} bytes`,
        ),
    }),
    async function getInfo(c) {
      const read = await readJsonBody(c)
      if (!read.ok) return read.response
      const body = read.body
      const parsed = oneCGetInfoRequestSchema.safeParse(body)
      if (!parsed.success) return invalidField(c, parsed.error.issues)
      const request = parsed.data
      const appId = appForConfigName(status.current(), request.configName)
      const lang = oneCLanguage(
        request.platformInterfaceLanguageCode,
        request.configurationInterfaceLanguageCode,
      )
      const key = errorKey(request.clientStackHash, request.appStackHash)
      if (key !== null) asked.note(key)
      const answer: OneCGetInfoAnswer = {
        needSendReport: key === null || perHour === 0 || stored.count(key) < perHour,
        userMessage: oneCUserMessage(status.resolve({ app: appId, lang }), status.clock()),
        dumpType: ONEC_DUMP_TYPE,
      }
      return c.json(answer)
    },
  )

  app.post(
    '/pushReport',
    rateLimit({
      perMinute: options.reportsPerMinute ?? 20,
      trustProxy: options.trustProxy ?? false,
      now,
    }),
    bodyLimit({
      maxSize: maxPushBytes,
      onError: (c) =>
        jsonError(c, 413, 'payload-too-large', `a 1C report may be at most ${maxPushBytes} bytes`),
    }),
    async function pushReport(c) {
      try {
        const zip = await zipOf(c)
        const content = await readReportZip(zip, {
          maxEntries: MAX_ZIP_ENTRIES,
          maxReportJsonBytes: MAX_REPORT_JSON_BYTES,
          maxScreenshotBytes: config.maxScreenshotBytes,
        })
        const { report } = content
        const key = errorKey(
          report.errorInfo.systemErrorInfo?.clientStackHash,
          report.errorInfo.applicationErrorInfo?.stackHash,
        )
        if (key !== null && perHour > 0 && stored.count(key) >= perHour) {
          asked.note(key)
          c.header(HEADERS.duplicate, 'counted')
          return c.body(null, 200)
        }
        const attachments = content.screenshot
          ? [
              await options.attachments.save(
                content.screenshot.bytes,
                content.screenshot.name,
                'screenshot',
              ),
            ]
          : []
        const input: OneCReportInput = {
          source: '1c',
          clientReportId: clientReportIdFor(report.id, zip),
          app: appForConfigName(status.current(), report.configInfo?.name),
          report,
          attachments,
          otherFiles: content.otherFiles,
          problems: content.problems,
          similarInLastHour: key === null ? 0 : asked.count(key),
        }
        const result = await options.reports.add(input)
        if (result.record) {
          if (key !== null) stored.note(key)
          options.webhook?.forward(result.record)
        }
        c.header(HEADERS.reportReference, result.id)
        return c.body(null, 200)
      } catch (error) {
        if (error instanceof OneCReportError) {
          return jsonError(c, error.status, error.code, error.message, error.field)
        }
        if (error instanceof UnavailableError || isDiskError(error)) {
          const failure =
            error instanceof UnavailableError
              ? error
              : new StoreUnavailableError((error as Error).message)
          return answerUnavailable(c, failure, {
            message: 'reports cannot be stored right now',
            retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
          })
        }
        throw error
      }
    },
  )

  return app
}

function invalidField(c: Context, issues: Parameters<typeof describeIssue>[0][]): Response {
  const described = issues.map(describeIssue)
  const message = described
    .slice(0, 5)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ')
  return jsonError(c, 400, 'invalid-field', message, described[0]?.path)
}

/** The ZIP: the first file part of a multipart form (receivers differ on its name), else the raw body. */
async function zipOf(c: Context): Promise<Buffer> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data')) {
    let form: FormData
    try {
      form = await c.req.formData()
    } catch (error) {
      throw new OneCReportError(
        400,
        'bad-request',
        `the multipart form cannot be read: ${(error as Error).message}`,
      )
    }
    for (const [, value] of form) {
      if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer())
    }
    throw new OneCReportError(400, 'bad-request', 'the multipart form has no file part (the ZIP)')
  }
  const body = Buffer.from(await c.req.arrayBuffer())
  if (body.length === 0) throw new OneCReportError(400, 'bad-request', 'the body is empty')
  return body
}

function isDiskError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return (
    typeof code === 'string' &&
    ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOENT'].includes(code)
  )
}
