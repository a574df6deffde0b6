import type { HelpModel } from '../../formats/help-model.js'
import type { Report } from '../../formats/report.js'
import type { Strings } from '../../help-page/strings.js'

/** One line of "Show details": a label and its value. */
export interface Fact {
  label: string
  value: string
}

/**
 * The technical facts "Show details" lists, from the report (so URLs are already redacted):
 * what failed, URL, method, status, time, error code and the request id when there is one.
 *
 * @example
 * detailFacts(model, report, strings, 'en')[0] // { label: 'What failed', value: 'Opening the page' }
 */
export function detailFacts(
  model: HelpModel,
  report: Report,
  strings: Strings,
  lang: string,
): Fact[] {
  const failure = report.failure
  if (model.failure === null) {
    return [
      { label: strings.fact_what, value: strings.what_none },
      { label: strings.fact_url, value: report.pageUrl },
      { label: strings.fact_time, value: formatTime(report.createdAt, lang) },
    ]
  }
  const isNavigation = failure.method === 'GET' && model.failure.url === model.retryUrl
  const facts: Fact[] = [
    {
      label: strings.fact_what,
      value: isNavigation ? strings.what_navigation : strings.what_request,
    },
    { label: strings.fact_url, value: failure.url || '—' },
    { label: strings.fact_method, value: failure.method },
    { label: strings.fact_status, value: failure.status === null ? '—' : String(failure.status) },
    { label: strings.fact_time, value: formatTime(failure.at, lang) },
    { label: strings.fact_error_code, value: failure.errorCode },
  ]
  if (failure.requestId) facts.push({ label: strings.fact_request_id, value: failure.requestId })
  return facts
}

/**
 * Plain text for "Copy details" and the support e-mail: title, facts, then the report as JSON.
 *
 * @example
 * detailsText('The server is not answering', facts, report)
 */
export function detailsText(title: string, facts: Fact[], report: Report): string {
  const lines = facts.map((fact) => `${fact.label}: ${fact.value}`)
  return `${title}\n\n${lines.join('\n')}\n\n${JSON.stringify(report, null, 2)}\n`
}

function formatTime(iso: string, lang: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return `${date.toLocaleString(lang)} (${iso})`
  } catch {
    return iso
  }
}
