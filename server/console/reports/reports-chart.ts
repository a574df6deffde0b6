import { raw } from 'hono/html'
import { embedJson } from '../../../help-page/render-document.js'
import { type CountBucket, MAX_BUCKETS } from '../../storage/report-counts.js'
import type { ConsoleRequest } from '../console-context.js'
import type { ConsoleStringKey } from '../ui/console-strings.js'
import { type Html, html } from '../ui/html.js'
import type { IncidentWindow } from './incident-windows.js'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/** The chart shows the last 7 days unless the filter says otherwise. */
export const DEFAULT_CHART_RANGE_MS = 7 * DAY_MS

/**
 * Bucket length for a range: an hour up to 7 days, else a day (several days when a day would
 * give more than MAX_BUCKETS bars), so the chart stays readable and the count query is allowed.
 *
 * @example
 * chartBucketMs(0, 2 * 86_400_000) // 3_600_000
 * chartBucketMs(0, 30 * 86_400_000) // 86_400_000
 */
export function chartBucketMs(sinceMs: number, untilMs: number): number {
  const span = untilMs - sinceMs
  if (span <= DEFAULT_CHART_RANGE_MS) return HOUR_MS
  // +1: the first bucket starts at the aligned day before sinceMs.
  return DAY_MS * Math.max(1, Math.ceil((Math.ceil(span / DAY_MS) + 1) / MAX_BUCKETS))
}

export interface ChartView {
  buckets: readonly CountBucket[]
  bucketMs: number
  windows: readonly IncidentWindow[]
}

/**
 * The reports chart: the data for console.js (uPlot draws it into `#reports-chart`), and the
 * same counts and incident windows as tables in a `<details>`, so nothing is canvas-only.
 *
 * @example
 * html`${reportsChart(request, { buckets, bucketMs: 3_600_000, windows })}`
 */
export function reportsChart(request: ConsoleRequest, view: ChartView): Html {
  const { t } = request
  const daily = view.bucketMs >= DAY_MS
  const key = (hourly: ConsoleStringKey, perDay: ConsoleStringKey) => t(daily ? perDay : hourly)
  const data = {
    buckets: view.buckets.map((bucket) => [bucket.startMs, bucket.count]),
    windows: view.windows.map((window) => [window.startMs, window.endMs, window.severity]),
    label: t('col_count'),
  }
  const when = (ms: number) => shortTime(ms, request, daily)
  const severity = (name: string) => t(`severity_${name}` as ConsoleStringKey)
  return html`<section aria-labelledby="chart-heading" class="chart-section">
<h2 id="chart-heading">${t('chart_heading')}</h2>
<p class="hint">${key('chart_summary', 'chart_summary_day')} ${t('chart_filters_note')}</p>
<div id="reports-chart" class="chart"></div>
<script type="application/json" id="reports-chart-data">${raw(embedJson(data))}</script>
<details>
<summary>${key('chart_table', 'chart_table_day')}</summary>
<table>
<caption>${key('chart_table', 'chart_table_day')}</caption>
<thead><tr><th scope="col">${key('col_hour', 'col_day')}</th><th scope="col">${t('col_count')}</th></tr></thead>
<tbody>
${view.buckets.map((bucket) => html`<tr><td>${when(bucket.startMs)}</td><td>${bucket.count}</td></tr>`)}
</tbody>
</table>
${
  view.windows.length === 0
    ? html`<p>${t('no_incidents')}</p>`
    : html`<table>
<caption>${t('incidents_caption')}</caption>
<thead><tr><th scope="col">${t('field_starts')}</th><th scope="col">${t('field_ends')}</th><th scope="col">${t('field_severity')}</th><th scope="col">${t('col_app')}</th></tr></thead>
<tbody>
${view.windows.map(
  (window) =>
    html`<tr><td>${when(window.startMs)}</td><td>${when(window.endMs)}</td><td>${severity(window.severity)}</td><td>${window.app ?? t('scope_all')}</td></tr>`,
)}
</tbody>
</table>`
}
</details>
</section>`
}

/**
 * A compact local time for tables ("22 Nov, 15:00"; the date alone for days), in the admin's zone.
 *
 * @example
 * shortTime(Date.parse('2026-11-22T12:00:00Z'), { lang: 'en', timeZone: 'Europe/Moscow' }) // 'Nov 22, 15:00'
 */
export function shortTime(
  ms: number,
  zone: Pick<ConsoleRequest, 'lang' | 'timeZone'>,
  dateOnly = false,
): string {
  return new Intl.DateTimeFormat(zone.lang, {
    timeZone: zone.timeZone,
    month: 'short',
    day: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  }).format(ms)
}
