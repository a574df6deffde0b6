import type { StoredReport } from '../../../formats/report.js'
import { commentOf, kindOf } from '../../storage/report-fields.js'
import type { ConsoleRequest } from '../console-context.js'
import type { ConsoleStringKey } from '../ui/console-strings.js'
import { input, select } from '../ui/form-fields.js'
import { type Html, html } from '../ui/html.js'
import { consolePage } from '../ui/layout.js'
import {
  type FilterErrors,
  filterQuery,
  KIND_CHOICES,
  type ReportFilterForm,
} from './report-filters.js'
import { type ChartView, reportsChart, shortTime } from './reports-chart.js'

/** Longest comment excerpt in the list; the report page has the whole text. */
export const EXCERPT_LENGTH = 120

export interface ReportsPageView {
  form: ReportFilterForm
  errors: FilterErrors
  reports: readonly StoredReport[]
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: string | null
  /** This page's cursor: not null when it is not the newest page. */
  cursor: string | null
  /** null when the filter has an error (nothing to count). */
  chart: ChartView | null
}

/**
 * A comment cut to `max` characters at most (with an ellipsis), on one line.
 *
 * @example
 * excerpt('a\nb', 120) // 'a b'
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`
}

/** The label of a report kind (`1c`, `timeout`…). */
export const kindLabel = (request: ConsoleRequest, kind: string) =>
  request.t(`kind_${kind}` as ConsoleStringKey)

/**
 * The reports page: the filter form, the chart of reports over time with incident windows,
 * the exports, and one page of reports newest first with links to older ones.
 *
 * @example
 * c.html(reportsPage(c.get('console'), { form, errors: {}, reports, nextCursor, cursor: null, chart }))
 */
export function reportsPage(request: ConsoleRequest, view: ReportsPageView): Html {
  const { t } = request
  const body = html`${filterSection(request, view)}
${view.chart ? reportsChart(request, view.chart) : ''}
${view.chart ? exportSection(request, view.form) : ''}
${view.chart ? listSection(request, view) : ''}`
  return consolePage(request, {
    title: t('reports_title'),
    section: 'reports',
    body,
    alert: view.errors.cursor ?? null,
  })
}

function filterSection(request: ConsoleRequest, view: ReportsPageView): Html {
  const { t, base } = request
  const { form, errors } = view
  const timeHint = t('filter_time_hint', { zone: request.timeZone })
  return html`<section aria-labelledby="filter-heading">
<h2 id="filter-heading">${t('filter_heading')}</h2>
<form method="get" action="${base}/reports" id="report-filters" class="filters" novalidate>
${input({ name: 'app', label: t('filter_app'), value: form.app, error: errors.app })}
${input({ name: 'from', label: t('filter_from'), value: form.from, type: 'datetime-local', error: errors.from, hint: timeHint })}
${input({ name: 'until', label: t('filter_until'), value: form.until, type: 'datetime-local', error: errors.until })}
${select({
  name: 'kind',
  label: t('filter_kind'),
  value: form.kind,
  choices: KIND_CHOICES.map((kind) => [
    kind,
    kind === '' ? t('kind_any') : kindLabel(request, kind),
  ]),
  error: errors.kind,
})}
${input({ name: 'q', label: t('filter_text'), value: form.q, type: 'search', error: errors.q })}
${select({
  name: 'state',
  label: t('filter_state'),
  value: form.state,
  choices: [
    ['all', t('state_all')],
    ['open', t('state_open')],
    ['handled', t('state_handled')],
  ],
  error: errors.state,
})}
<div class="actions"><button type="submit" class="primary">${t('apply')}</button></div>
</form>
</section>`
}

function exportSection(request: ConsoleRequest, form: ReportFilterForm): Html {
  const { t, base } = request
  const link = (format: 'csv' | 'json', label: string) =>
    html`<li><a href="${base}/reports/export${filterQuery(form, { format })}" download>${label}</a></li>`
  return html`<section aria-labelledby="export-heading" class="exports">
<h2 id="export-heading">${t('export_heading')}</h2>
<p class="hint">${t('export_hint')}</p>
<ul>${link('csv', t('export_csv'))}${link('json', t('export_json'))}</ul>
</section>`
}

function listSection(request: ConsoleRequest, view: ReportsPageView): Html {
  const { t, base } = request
  const rows = view.reports.map((report) => {
    const comment = excerpt(commentOf(report))
    return html`<tr>
<td><time datetime="${report.receivedAt}">${shortTime(Date.parse(report.receivedAt), request)}</time></td>
<td><a href="${base}/reports/${report.id}">${report.id}</a></td>
<td>${report.app ?? t('none')}</td>
<td>${kindLabel(request, kindOf(report))}</td>
<td>${comment}</td>
<td>${report.handled ? t('report_handled') : t('report_open')}</td>
</tr>`
  })
  const pages = [
    view.cursor !== null
      ? html`<li><a href="${base}/reports${filterQuery(view.form)}">${t('first_page')}</a></li>`
      : '',
    view.nextCursor !== null
      ? html`<li><a href="${base}/reports${filterQuery(view.form, { cursor: view.nextCursor })}" rel="next">${t('next_page')}</a></li>`
      : '',
  ]
  return html`<section aria-labelledby="list-heading" class="report-list">
<h2 id="list-heading">${t('reports_caption')}</h2>
${
  view.reports.length === 0
    ? html`<p>${t('no_reports')}</p>`
    : html`<table aria-labelledby="list-heading">
<thead><tr>
<th scope="col">${t('col_received')}</th><th scope="col">${t('col_reference')}</th><th scope="col">${t('col_app')}</th><th scope="col">${t('col_kind')}</th><th scope="col">${t('col_comment')}</th><th scope="col">${t('col_state')}</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
${pages.some((page) => page !== '') ? html`<nav aria-label="${t('pages_label')}" class="pages"><ul>${pages}</ul></nav>` : ''}
</section>`
}
