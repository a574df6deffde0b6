import {
  isOneCReport,
  type StoredBrowserReport,
  type StoredReport,
} from '../../../formats/report.js'
import type { ConsoleRequest } from '../console-context.js'
import { type Html, html } from '../ui/html.js'
import { consolePage, csrfField } from '../ui/layout.js'
import { describeInstant } from '../ui/zoned-time.js'
import { oneCSections } from './onec-report-view.js'
import { fieldList, section } from './report-sections.js'
import { kindLabel } from './reports-page.js'

export interface ReportPageView {
  report: StoredReport
  nowMs: number
  flash?: string | null
}

/**
 * One report laid out for reading: the reference to quote (with a copy button), who handled
 * it (and the button to change that), then what failed, what the user wrote, their browser
 * and app, and the status they saw; a 1C report shows its own fields and files.
 *
 * @example
 * c.html(reportPage(c.get('console'), { report, nowMs: Date.now() }))
 */
export function reportPage(request: ConsoleRequest, view: ReportPageView): Html {
  const { t, base } = request
  const { report } = view
  const when = (iso: string | null | undefined) => instant(request, iso, view.nowMs)
  const body = html`<p><a href="${base}/reports">${t('back_to_reports')}</a></p>
<div class="reference-box">
<p class="reference" id="report-reference">${report.id}</p>
<button type="button" data-copy="report-reference" data-copied="${t('copied')}" data-copy-status="copy-status" hidden>${t('copy')}</button>
<span id="copy-status" role="status"></span>
</div>
${handlingSection(request, view)}
${
  isOneCReport(report)
    ? oneCSections(request, report, when)
    : browserSections(request, report, when)
}`
  return consolePage(request, {
    title: t('report_title', { id: report.id }),
    section: 'reports',
    body,
    flash: view.flash ?? null,
  })
}

/** An ISO instant as "local (zone) · UTC · ago"; the raw text if it does not parse. */
function instant(request: ConsoleRequest, iso: string | null | undefined, nowMs: number) {
  if (!iso) return null
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return describeInstant(ms, { zone: request.timeZone, lang: request.lang, nowMs, t: request.t })
}

function handlingSection(request: ConsoleRequest, view: ReportPageView): Html {
  const { t, base } = request
  const { report } = view
  const mark = report.handled ?? null
  const state = mark
    ? t('handled_by', { label: mark.by, time: instant(request, mark.at, view.nowMs) ?? mark.at })
    : t('not_handled')
  return section(
    request,
    'handling_heading',
    html`<p>${state}</p>
<form method="post" action="${base}/reports/${report.id}/handled" class="inline">
${csrfField(request)}
<input type="hidden" name="handled" value="${mark ? 'false' : 'true'}">
<button type="submit"${mark ? '' : html` class="primary"`}>${mark ? t('mark_open') : t('mark_handled')}</button>
</form>`,
  )
}

function browserSections(
  request: ConsoleRequest,
  report: StoredBrowserReport,
  when: (iso: string | null | undefined) => string | null,
): Html {
  const { t } = request
  const { failure, browser } = report
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'))
  return html`${section(
    request,
    'section_failure',
    fieldList(request, [
      ['field_kind', kindLabel(request, failure.kind)],
      ['field_status', failure.status],
      ['field_url', failure.url],
      ['field_method', failure.method],
      ['field_failed_at', when(failure.at)],
      ['field_received', when(report.receivedAt)],
      ['field_duration', failure.durationMs],
      ['field_error_code', failure.errorCode],
      ['field_request_id', failure.requestId],
    ]),
  )}
${section(
  request,
  'section_user',
  html`${report.comment ? html`<p class="comment">${report.comment}</p>` : html`<p>${t('no_comment')}</p>`}
${fieldList(request, [['field_contact', report.contact]])}`,
)}
${section(
  request,
  'section_browser',
  fieldList(request, [
    ['field_app', report.app ?? t('none')],
    ['field_app_version', report.appVersion],
    ['field_page_url', report.pageUrl],
    ['field_user_agent', browser.userAgent],
    ['field_language', browser.language],
    ['field_time_zone', browser.timeZone],
    ['field_online', yesNo(browser.online)],
    ['field_sw_state', report.serviceWorker.state],
    ['field_last_load', when(report.serviceWorker.lastSuccessfulLoad)],
    ['field_created', when(report.createdAt)],
    ['field_library_version', report.libraryVersion],
  ]),
)}
${section(
  request,
  'section_status',
  report.shownMessage
    ? html`<p class="comment">${report.shownMessage}</p>`
    : html`<p>${t('no_shown_message')}</p>`,
)}`
}
