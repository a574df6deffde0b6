import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { sendDownload } from '../http/downloads.js'
import { jsonError } from '../http/error-body.js'
import { readJsonBody } from '../http/read-json-body.js'
import { answerUnavailable, UnavailableError } from '../http/unavailable.js'
import { exportDownload } from '../reports/report-downloads.js'
import { EXPORT_FORMATS, type ExportFormat } from '../reports/report-export.js'
import { normalizeReference } from '../storage/reference-id.js'
import { parseCountQuery } from '../storage/report-counts.js'
import type { ReportQueryInput } from '../storage/report-query.js'
import { parseReportQuery } from '../storage/report-query.js'
import type { ReportStorage } from '../storage/report-storage.js'

/** How soon a script should try a refused change again. */
const RETRY_AFTER_SECONDS = 30

export interface ReportInboxRoutesOptions {
  store: ReportStorage
  /** The admin guard (bearer token); sets `adminLabel`. */
  admin: MiddlewareHandler
  /** Clock of the handled marks and the export's file name. */
  now: () => number
}

/**
 * The list filters of a request's query string, as `parseReportQuery` takes them.
 *
 * @example
 * const parsed = parseReportQuery(listFiltersOf(c)) // ?app=crm&kind=1c&q=печать&handled=open
 */
export function listFiltersOf(c: Context): ReportQueryInput {
  return {
    app: c.req.query('app'),
    since: c.req.query('since'),
    until: c.req.query('until'),
    kind: c.req.query('kind'),
    q: c.req.query('q'),
    handled: c.req.query('handled'),
    limit: c.req.query('limit'),
    cursor: c.req.query('cursor'),
  }
}

/**
 * The support inbox's admin routes, mounted by `reportRoutes` under `/v1/reports` before `/:id`:
 * `GET /export?format=csv|json&…filters` (a download of every match, newest first),
 * `GET /counts?since=&until=&bucket=3600&app=&kind=` (`{ bucketMs, buckets: [{ startMs, count }] }`)
 * and `POST /:id/handled` with `{ "handled": true|false }` (answers the record).
 *
 * @example
 * app.route('/', reportInboxRoutes({ store, admin: adminAuth({ token }), now: Date.now }))
 */
export function reportInboxRoutes(options: ReportInboxRoutesOptions): Hono {
  const { store, admin, now } = options
  const app = new Hono()

  app.get('/export', admin, async (c) => {
    const format = c.req.query('format') ?? 'csv'
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      return jsonError(
        c,
        400,
        'invalid-field',
        `must be one of ${EXPORT_FORMATS.join(', ')}`,
        'format',
      )
    }
    // An export starts at the newest report; `limit` and `cursor` belong to the list.
    const parsed = parseReportQuery({ ...listFiltersOf(c), limit: undefined, cursor: undefined })
    if (!parsed.ok) return jsonError(c, 400, 'invalid-field', parsed.message, parsed.field)
    return sendDownload(c, exportDownload(store, parsed.query, format as ExportFormat, now()))
  })

  app.get('/counts', admin, async (c) => {
    const parsed = parseCountQuery({
      app: c.req.query('app'),
      since: c.req.query('since'),
      until: c.req.query('until'),
      bucket: c.req.query('bucket'),
      kind: c.req.query('kind'),
    })
    if (!parsed.ok) return jsonError(c, 400, 'invalid-field', parsed.message, parsed.field)
    const buckets = await store.countByTime(parsed.query, parsed.bucketMs)
    return c.json({ bucketMs: parsed.bucketMs, buckets })
  })

  app.post(
    '/:id/handled',
    admin,
    bodyLimit({
      maxSize: 1024,
      onError: (c) => jsonError(c, 413, 'payload-too-large', 'send { "handled": true|false }'),
    }),
    // Typed as a plain Context: the chain's inferred Env would hide adminAuth's `adminLabel`.
    async (c: Context) => {
      const read = await readJsonBody(c)
      if (!read.ok) return read.response
      const body = read.body
      const handled = (body as { handled?: unknown } | null)?.handled
      if (typeof handled !== 'boolean') {
        return jsonError(c, 400, 'invalid-field', 'must be true or false', 'handled')
      }
      const id = normalizeReference(c.req.param('id') ?? '')
      let record: Awaited<ReturnType<ReportStorage['setHandled']>>
      try {
        // adminAuth sets the token's label; 'admin' if a guard without labels is passed in.
        const by = c.get('adminLabel') ?? 'admin'
        record = id === null ? null : await store.setHandled(id, handled, by, now())
      } catch (error) {
        if (!(error instanceof UnavailableError)) throw error
        return answerUnavailable(c, error, {
          message: 'the mark cannot be stored right now; try again',
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        })
      }
      if (!record) return jsonError(c, 404, 'not-found', `no stored report ${c.req.param('id')}`)
      return c.json(record)
    },
  )

  return app
}
