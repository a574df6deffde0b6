import { isAllowedUrl } from '../../formats/primitives.js'
import type { Report } from '../../formats/report.js'
import { format, type Strings } from '../../help-page/strings.js'
import { flushReportQueue } from '../report/report-queue.js'
import { sendReport } from '../report/send-report.js'
import { el, safeLink } from './dom.js'

export interface ReportFormOptions {
  strings: Strings
  heading: 'h2' | 'h3'
  id: (name: string) => string
  /** `${statusUrl}/v1/reports`, or `null` when there is no status service to send to. */
  endpoint: string | null
  supportEmail: string | null
  title: string
  onInput: (values: { comment: string; contact: string }) => void
  /** The report as it would be sent now, and the same as text for the e-mail. */
  buildReport: () => { report: Report; text: string }
}

/** Mail clients and browsers cut long mailto: URLs; the essentials fit well within this. */
const MAX_MAIL_BODY = 1800

/**
 * "Send report to support": optional comment and contact, one button, a live region that says
 * "Sent — reference SH-…", "Saved — …" or why it failed, and with `supportEmail` an "Email
 * support" link carrying the details. `null` when there is neither an endpoint nor an address.
 *
 * @example
 * const form = renderReportForm({ strings, heading: 'h2', id, endpoint, supportEmail, title, onInput, buildReport })
 */
export function renderReportForm(options: ReportFormOptions): {
  element: HTMLElement | null
  destroy(): void
} {
  const { strings: t, id, endpoint } = options
  const email =
    options.supportEmail && isPlainAddress(options.supportEmail) ? options.supportEmail : null
  if (endpoint === null && email === null) return { element: null, destroy() {} }

  const comment = el('textarea', { id: id('comment'), name: 'comment', maxlength: '2000' })
  const contact = el('input', {
    id: id('contact'),
    name: 'contact',
    type: 'text',
    maxlength: '200',
    autocomplete: 'email',
  })
  const result = el('p', { class: 'sh-send-result', role: 'status', 'aria-live': 'polite' })
  const send = el('button', { type: 'button', class: 'sh-primary sh-send' }, t.send_report)
  const mailLink = safeLink(email && `mailto:${email}`, t.email_support, isAllowedUrl, {
    class: 'sh-email',
  })
  const refreshMail = () => {
    if (!mailLink || !email) return
    const subject = format(t.email_subject, { title: options.title })
    const body = options.buildReport().text.slice(0, MAX_MAIL_BODY)
    mailLink.href = `mailto:${email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
  }
  const onInput = () => {
    options.onInput({ comment: comment.value, contact: contact.value })
    refreshMail()
  }
  comment.addEventListener('input', onInput)
  contact.addEventListener('input', onInput)
  refreshMail()

  send.addEventListener('click', async () => {
    if (endpoint === null) return
    send.disabled = true
    result.textContent = t.sending
    const outcome = await sendReport(endpoint, options.buildReport().report)
    if (outcome.kind === 'sent') result.textContent = format(t.sent, { id: outcome.id })
    else if (outcome.kind === 'saved') result.textContent = t.saved
    else {
      result.textContent = format(t.send_failed, { reason: outcome.reason })
      send.disabled = false
    }
  })

  // Reports this page could not deliver go out as soon as the device is back online.
  const flush = () => void flushReportQueue()
  addEventListener('online', flush)

  const element = el(
    'section',
    { class: 'sh-report-section', 'aria-labelledby': id('report-title') },
    el(options.heading, { id: id('report-title'), class: 'sh-subtitle' }, t.report_heading),
    endpoint !== null && el('label', { for: id('comment') }, t.comment_label),
    endpoint !== null && comment,
    endpoint !== null && el('label', { for: id('contact') }, t.contact_label),
    endpoint !== null && contact,
    el('div', { class: 'sh-row' }, endpoint !== null && send, mailLink),
    endpoint !== null && result,
  )
  return { element, destroy: () => removeEventListener('online', flush) }
}

/** An address that can't smuggle extra mailto: fields (`?cc=`, `&body=`) into the link. */
function isPlainAddress(value: string): boolean {
  return /^[^\s@?&#/:%]+@[^\s@?&#/:%]+$/.test(value)
}
