import { type Context, Hono } from 'hono'
import type { StoredReport } from '../../../formats/report.js'
import { sendDownload } from '../../http/downloads.js'
import { attachmentDownload, exportDownload } from '../../reports/report-downloads.js'
import type { ReportService } from '../../reports/service.js'
import { normalizeReference } from '../../storage/reference-id.js'
import type { ReportQuery } from '../../storage/report-query.js'
import type { StatusDocumentStorage } from '../../storage/status-document-storage.js'
import { formText } from '../ui/form-body.js'
import { html } from '../ui/html.js'
import { consolePage } from '../ui/layout.js'
import { incidentWindows } from './incident-windows.js'
import { filterForm, readFilters } from './report-filters.js'
import { reportPage } from './report-page.js'
import { type ChartView, chartBucketMs, DEFAULT_CHART_RANGE_MS } from './reports-chart.js'
import { reportsPage } from './reports-page.js'

export interface ConsoleReportOptions {
  /** The report service; undefined when reports are off (the pages say so). */
  reports: ReportService | undefined
  statusStorage: StatusDocumentStorage
  now: () => number
}

/** Reports per screen. */
export const REPORTS_PER_PAGE = 50
/**
 * Store calls per screen at most: the folder store's text search reads a bounded slice per call
 * and may answer a short page, so a few calls fill one screen without scanning everything.
 */
const MAX_CALLS_PER_SCREEN = 4

/**
 * The console's reports: `GET /reports` (filters, chart with incident windows, one page of
 * reports), `GET /reports/export?format=csv|json&…` (every match, streamed), `GET /reports/:id`
 * (one report to read), `POST /reports/:id/handled` (mark handled or open again) and
 * `GET /reports/:id/attachments/:key` (a 1C screenshot, as a download). Mount after the session
 * middleware: every route needs a session, and the POST its CSRF token.
 *
 * @example
 * routes.route('/', consoleReportRoutes({ reports, statusStorage, now: Date.now }))
 */
export function consoleReportRoutes(options: ConsoleReportOptions): Hono {
  const { reports, now } = options
  const routes = new Hono()

  if (reports === undefined) {
    routes.all('/reports', (c) => reportsOff(c, 200))
    routes.all('/reports/*', (c) => reportsOff(c, 404))
    return routes
  }
  const store = reports.store

  routes.get('/reports', async (c) => {
    const request = c.get('console')
    const form = filterForm((name) => c.req.query(name))
    const cursor = c.req.query('cursor') ?? null
    const read = readFilters(form, {
      zone: request.timeZone,
      t: request.t,
      lang: request.lang,
      limit: REPORTS_PER_PAGE,
      cursor: cursor === '' ? null : cursor,
    })
    if (!read.ok) {
      const view = { form, errors: read.errors, reports: [], nextCursor: null, cursor, chart: null }
      return c.html(reportsPage(request, view), 400)
    }
    const page = await fillScreen(read.query)
    if (!page.ok) {
      const view = {
        form,
        errors: { cursor: page.message },
        reports: [],
        nextCursor: null,
        cursor,
        chart: null,
      }
      return c.html(reportsPage(request, view), 400)
    }
    const chart = await chartOf(read.query)
    return c.html(
      reportsPage(request, {
        form,
        errors: {},
        reports: page.items,
        nextCursor: page.nextCursor,
        cursor: read.query.cursor ?? null,
        chart,
      }),
    )
  })

  routes.get('/reports/export', (c) => {
    const request = c.get('console')
    const format = c.req.query('format')
    const form = filterForm((name) => c.req.query(name))
    const read = readFilters(form, {
      zone: request.timeZone,
      t: request.t,
      lang: request.lang,
      limit: 1,
      cursor: null,
    })
    if ((format !== 'csv' && format !== 'json') || !read.ok) {
      // The reports page shows the same filters with the problem at its field.
      const query = new URL(c.req.url).search
      return c.redirect(`${request.base}/reports${query}`, 303)
    }
    return sendDownload(c, exportDownload(store, read.query, format, now()))
  })

  routes.get('/reports/:id', async (c) => {
    const report = await reportOf(c)
    if (report === null) return notFound(c)
    const { t } = c.get('console')
    const done = c.req.query('done')
    const flash =
      done === 'handled' ? t('marked_handled') : done === 'open' ? t('marked_open') : null
    return c.html(reportPage(c.get('console'), { report, nowMs: now(), flash }))
  })

  routes.post('/reports/:id/handled', async (c) => {
    const request = c.get('console')
    const id = normalizeReference(c.req.param('id'))
    const handled = formText(await c.req.parseBody(), 'handled')
    if (handled !== 'true' && handled !== 'false')
      return c.text('handled must be true or false', 400)
    const by = request.session?.label ?? 'admin'
    const record = id === null ? null : await store.setHandled(id, handled === 'true', by, now())
    if (record === null) return notFound(c)
    const done = handled === 'true' ? 'handled' : 'open'
    return c.redirect(`${request.base}/reports/${record.id}?done=${done}`, 303)
  })

  routes.get('/reports/:id/attachments/:key', async (c) => {
    // The same checks as GET /v1/reports/:id/attachments/:key: only a file the report lists.
    const report = await reportOf(c)
    const download = await attachmentDownload(report, c.req.param('key'), reports.attachments)
    return download ? sendDownload(c, download) : notFound(c)
  })

  /** One screen of reports: pages on while the store answers short pages (see listPage). */
  const fillScreen = async (query: ReportQuery) => {
    const items: StoredReport[] = []
    let cursor = query.cursor ?? null
    for (let call = 0; call < MAX_CALLS_PER_SCREEN; call += 1) {
      const page = await store.listPage({ ...query, limit: query.limit - items.length, cursor })
      if (!page.ok) return page
      items.push(...page.items)
      cursor = page.nextCursor
      if (cursor === null || items.length >= query.limit) break
    }
    return { ok: true as const, items, nextCursor: cursor }
  }

  /** Counts per bucket for the filter's range (the last 7 days by default) and its incidents. */
  const chartOf = async (query: ReportQuery): Promise<ChartView> => {
    const nowMs = now()
    const untilMs = query.untilMs ?? Math.max(nowMs, (query.sinceMs ?? 0) + 3_600_000)
    const sinceMs = query.sinceMs ?? untilMs - DEFAULT_CHART_RANGE_MS
    const bucketMs = chartBucketMs(sinceMs, untilMs)
    const range = { app: query.app, sinceMs, untilMs }
    const [buckets, versions] = await Promise.all([
      store.countByTime({ ...range, kind: query.kind ?? null }, bucketMs),
      options.statusStorage.versions().catch(() => []),
    ])
    return { buckets, bucketMs, windows: incidentWindows(versions, range) }
  }

  const reportOf = async (c: Context) => {
    const id = normalizeReference(c.req.param('id') ?? '')
    return id === null ? null : store.get(id)
  }

  return routes
}

function notFound(c: Context) {
  const request = c.get('console')
  const { t, base } = request
  const id = c.req.param('id') ?? ''
  const body = html`<p><a href="${base}/reports">${t('back_to_reports')}</a></p>`
  return c.html(
    consolePage(request, {
      title: t('report_not_found', { id }),
      section: 'reports',
      body,
    }),
    404,
  )
}

function reportsOff(c: Context, status: 200 | 404) {
  const request = c.get('console')
  const { t } = request
  return c.html(
    consolePage(request, {
      title: t('reports_title'),
      section: 'reports',
      body: html`<p>${t('reports_off')}</p>`,
    }),
    status,
  )
}
