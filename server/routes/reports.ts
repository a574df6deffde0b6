import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { describeIssue } from '../../formats/describe-issues.js'
import { HEADERS } from '../../formats/headers.js'
import { reportSchema } from '../../formats/report.js'
import { jsonError } from '../http/error-body.js'
import { readJsonBody } from '../http/read-json-body.js'
import { answerUnavailable, UnavailableError } from '../http/unavailable.js'
import { adminAuth } from '../middleware/admin-auth.js'
import type { AdminTokenSetting } from '../middleware/admin-tokens.js'
import { reportCors } from '../middleware/cors.js'
import { rateLimit } from '../middleware/rate-limit.js'
import type { WebhookForwarder } from '../reports/webhook.js'
import { normalizeReference } from '../storage/reference-id.js'
import { parseReportQuery } from '../storage/report-query.js'
import type { ReportStorage } from '../storage/report-storage.js'
import { StoreUnavailableError } from '../storage/store-health.js'
import type { DeliveriesReader, Delivery } from '../storage/webhook-outbox.js'
import { listFiltersOf, reportInboxRoutes } from './report-inbox.js'

/** A report is about 3 KB with every text field full (about 12 KB at the schema's maxima). */
export const DEFAULT_MAX_REPORT_BYTES = 64 * 1024

/** How soon a browser should send a refused report again: long enough for an admin to free disk. */
const STORE_RETRY_AFTER_SECONDS = 30

export interface ReportRoutesOptions {
  store: ReportStorage
  /** Bearer token for the admin GET routes; null turns them off (403 admin-disabled). */
  adminToken: AdminTokenSetting
  /** Origins whose pages may POST; default `'*'` (any, never with credentials). */
  allowedOrigins?: '*' | readonly string[]
  /** Reports per client address per minute (also the burst); 0 turns it off. Default 20. */
  reportsPerMinute?: number
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean
  /** Gets every newly stored report, in the background. */
  webhook?: WebhookForwarder | null
  /** Request bodies above this are refused with 413. Default 64 KiB. */
  maxBodyBytes?: number
  /** Clock of the rate limiter, the handled marks and export file names (the store has its own). */
  now?: () => number
  /** Webhook deliveries for admins (`GET /deliveries?state=dead`); only the database outbox has them. */
  deliveries?: DeliveriesReader
}

const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const

/** The media type without parameters: `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/**
 * The report API, to mount at `/v1/reports`: `POST /` stores a diagnostic report (201
 * `{id, receivedAt}`; the same clientReportId again answers 201 with the first reference and
 * `Idempotent-Replayed: true`, storing nothing), `GET /` lists a page (admin; `app`, `since`,
 * `until`, `kind`, `q`, `handled`, `limit`, `cursor`; answers `nextCursor`), `GET /:id` shows one
 * (admin), and the inbox's `/export`, `/counts`, `POST /:id/handled` (see reportInboxRoutes).
 * Every answer is `Cache-Control: no-store`: reports are personal.
 *
 * @example
 * app.route('/v1/reports', reportRoutes({ store, adminToken: process.env.STARTUP_HELP_ADMIN_TOKEN ?? null }))
 */
export function reportRoutes(options: ReportRoutesOptions): Hono {
  const { store } = options
  const app = new Hono()
  const admin = adminAuth({ token: options.adminToken })
  const corsHandler = reportCors({
    allowedOrigins: options.allowedOrigins ?? '*',
    exposeHeaders: [HEADERS.retryAfter, HEADERS.idempotentReplayed, 'Location'],
  })
  const limiter = rateLimit({
    perMinute: options.reportsPerMinute ?? 20,
    trustProxy: options.trustProxy ?? false,
    ...(options.now ? { now: options.now } : {}),
  })
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_REPORT_BYTES
  const tooLarge = (c: Context) =>
    jsonError(c, 413, 'payload-too-large', `a report may be at most ${maxBytes} bytes`)
  const streamingLimit = bodyLimit({ maxSize: maxBytes, onError: tooLarge })

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })

  app.options('/', corsHandler)

  app.post(
    '/',
    corsHandler,
    limiter,
    async function requireJson(c, next) {
      if (mediaType(c.req.header('content-type')) !== 'application/json') {
        return jsonError(
          c,
          415,
          'unsupported-media-type',
          'send the report as JSON with Content-Type: application/json',
        )
      }
      return next()
    },
    async function limitBody(c, next) {
      // With a Content-Length the size is known up front; checking the header instead of
      // wrapping the body keeps @hono/node-server's fast body read (no web Request is built),
      // which nearly doubles reports per second. A chunked body is counted as it streams.
      const length = c.req.header('content-length')
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
        return streamingLimit(c, next)
      }
      return Number(length) > maxBytes ? tooLarge(c) : next()
    },
    async function storeReport(c) {
      const read = await readJsonBody(c)
      if (!read.ok) return read.response
      const body = read.body
      const parsed = reportSchema.safeParse(body, { reportInput: true })
      if (!parsed.success) {
        const issues = parsed.error.issues.map(describeIssue)
        const message = issues
          .slice(0, 5)
          .map((issue) => `${issue.path}: ${issue.message}`)
          .join('; ')
        return jsonError(c, 400, 'invalid-field', message, issues[0]?.path)
      }
      let result: Awaited<ReturnType<ReportStorage['add']>>
      try {
        result = await store.add(parsed.data)
      } catch (error) {
        if (error instanceof UnavailableError) {
          // 503 + Retry-After: the browser's queue keeps the report and sends it again.
          return answerUnavailable(c, error, {
            message: 'reports cannot be stored right now; it is kept and sent again automatically',
            retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
          })
        }
        console.error(`reports: could not store a report: ${(error as Error).message}`)
        return jsonError(c, 500, 'internal', 'the report could not be stored; try again later')
      }
      if (result.record && options.webhook) options.webhook.forward(result.record)
      if (!result.created) c.header(HEADERS.idempotentReplayed, 'true')
      c.header('Location', `${c.req.path.replace(/\/$/, '')}/${result.id}`)
      return c.json({ id: result.id, receivedAt: result.receivedAt }, 201)
    },
  )

  app.get('/', admin, async (c) => {
    const parsed = parseReportQuery(listFiltersOf(c))
    if (!parsed.ok) return jsonError(c, 400, 'invalid-field', parsed.message, parsed.field)
    const page = await store.listPage(parsed.query)
    if (!page.ok) return jsonError(c, 400, 'invalid-field', page.message, page.field)
    return c.json({ reports: page.items, nextCursor: page.nextCursor })
  })

  // Before `/:id`, which would take "export" and "counts" for references.
  app.route('/', reportInboxRoutes({ store, admin, now: options.now ?? Date.now }))

  // Before `/:id`, which would take "deliveries" for a reference.
  app.get('/deliveries', admin, async (c) => {
    if (!options.deliveries) {
      return jsonError(c, 404, 'not-found', 'webhook deliveries are kept only with a database')
    }
    const state = c.req.query('state') ?? null
    if (state !== null && !(DELIVERY_STATES as readonly string[]).includes(state)) {
      return jsonError(
        c,
        400,
        'invalid-field',
        `must be one of ${DELIVERY_STATES.join(', ')}`,
        'state',
      )
    }
    try {
      return c.json({ deliveries: await options.deliveries(state as Delivery['state'] | null) })
    } catch (error) {
      const failure = new StoreUnavailableError(
        `the database is unreachable: ${(error as Error).message}`,
      )
      return answerUnavailable(c, failure, { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS })
    }
  })

  app.get('/:id', admin, async (c) => {
    const id = normalizeReference(c.req.param('id'))
    const record = id === null ? null : await store.get(id)
    if (!record) {
      return jsonError(c, 404, 'not-found', `no stored report ${c.req.param('id')}`)
    }
    return c.json(record)
  })

  return app
}
