import type { HelpModel } from '../../formats/help-model.js'
import { isAllowedUrl } from '../../formats/primitives.js'
import type { Report } from '../../formats/report.js'
import { helpPageNotices } from '../../help-page/notices.js'
import { chooseLanguage, format, type Strings, stringsFor } from '../../help-page/strings.js'
import { backByFor, causeFor, titleFor } from '../../help-page/title.js'
import { type BrowserFacts, buildReport, readBrowserFacts } from '../report/build-report.js'
import { newClientReportId } from '../report/client-report-id.js'
import { type RetryEnvironment, type RetryView, startAutoRetry } from './auto-retry.js'
import { copyText } from './copy-text.js'
import { detailFacts, detailsText } from './details-text.js'
import { el, safeLink } from './dom.js'
import { serverAnswers } from './probe.js'
import { renderReportForm } from './report-form.js'
import { retryHintSeconds } from './retry-schedule.js'

export interface HelpPanelOptions {
  /** 1 when the panel is the page (help page, /help), 2 inside the in-page dialog. */
  headingLevel: 1 | 2
  /** Where "Send report" posts (`${statusUrl}/v1/reports`); `null` leaves reporting out. */
  reportEndpoint: string | null
  /** What automatic retry probes; `null` means no retry (nothing failed that could come back). */
  probeUrl: string | null
  /** Called once the probe says the server answers again (reload, or close and reload). */
  onBack: () => void
  /** True over a page whose form keeps what the user typed (the in-page dialog): the panel says so. */
  inputKept?: boolean
  /** The panel's shadow root, for the copy fallback's temporary textarea. */
  root: ShadowRoot
  /** Prefix for element ids, so two panels never share one. */
  idPrefix?: string
  /** Injected facts/clock/environment for tests; the browser's by default. */
  readFacts?: () => BrowserFacts
  environment?: RetryEnvironment
  probe?: (url: string) => Promise<boolean>
}

export interface HelpPanel {
  element: HTMLElement
  /** The heading, focusable (tabindex -1) so a dialog can move focus to it on open. */
  title: HTMLElement
  destroy(): void
}

/**
 * Renders the one help panel from a model: title by failure kind, the active message, help text,
 * "Need help", "Try again" with a countdown, "Show details" (facts plus the exact report), "Copy
 * details", "Send report to support" and "Email support". Every text from the network is set as
 * text; every URL passes `isAllowedUrl`.
 *
 * @example
 * const panel = renderHelpPanel(model, { headingLevel: 1, reportEndpoint, probeUrl: location.href,
 *   onBack: () => location.reload(), root: shadowRoot })
 * shadowRoot.append(panel.element)
 */
export function renderHelpPanel(model: HelpModel, options: HelpPanelOptions): HelpPanel {
  const id = (name: string) => `${options.idPrefix ?? 'sh'}-${name}`
  const browserLanguages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])
  const lang = chooseLanguage(model.defaults.lang, browserLanguages, model.defaults.strings)
  const t = stringsFor(lang, model.defaults.strings)
  const readFacts = options.readFacts ?? readBrowserFacts
  const status = model.known?.status ?? null
  const heading = `h${options.headingLevel}` as const
  const subheading = `h${options.headingLevel + 1}` as 'h2' | 'h3'
  const now = readFacts().now
  const title = titleFor(model, t, now)
  const cause = causeFor(model, t)
  const backBy = backByFor(model, t, lang, now)

  const clientReportId = newClientReportId()
  let comment = ''
  let contact = ''
  const currentReport = (): Report =>
    buildReport(model, readFacts(), { clientReportId, comment, contact })

  const titleElement = el(heading, { id: id('title'), class: 'sh-title', tabindex: '-1' }, title)
  const notices = helpPageNotices(model.known, t, lang, now)
  const first = notices[0]?.state === 'active' ? notices[0] : null
  const others = notices.filter((notice) => notice !== first)
  const messageBlock =
    first &&
    el(
      'div',
      { class: `sh-message${first.severity ? ` sh-severity-${first.severity}` : ''}` },
      first.severityLabel && el('p', { class: 'sh-severity-label' }, first.severityLabel),
      first.title && el('p', { class: 'sh-message-title' }, first.title),
      el('p', { class: 'sh-message-text' }, first.body),
    )
  // The others below, smaller: the one that explains the failure stays on top.
  const otherNotices =
    others.length > 0 &&
    el(
      'div',
      { class: 'sh-other-notices' },
      el(subheading, { class: 'sh-subtitle' }, t.other_notices),
      el(
        'ul',
        {},
        ...others.map((notice) =>
          el(
            'li',
            {},
            (notice.severityLabel || notice.when) &&
              el(
                'p',
                { class: 'sh-severity-label' },
                [notice.severityLabel, notice.when].filter(Boolean).join(' · '),
              ),
            notice.title && el('p', { class: 'sh-message-title' }, notice.title),
            el('p', { class: 'sh-message-text' }, notice.body),
          ),
        ),
      ),
    )
  const helpText = status?.helpText ?? model.defaults.helpText
  const helpUrl = status?.helpUrl ?? model.defaults.helpUrl
  const helpLink = safeLink(helpUrl, t.need_help, isAllowedUrl, { class: 'sh-help-link' })

  // Try again + countdown. The countdown ticks every second, so it is not a live region; the
  // polite live region says only what changed (checking, still down, paused, off).
  const countdown = el('span', { class: 'sh-countdown' })
  const progress = el('p', { class: 'sh-visually-hidden', role: 'status', 'aria-live': 'polite' })
  let previousState: RetryView['state'] | null = null
  const retryButton = el('button', { type: 'button', class: 'sh-primary sh-retry' }, t.try_again)
  // WCAG 2.2.1 (timing adjustable): automatic retry can be turned off, and back on.
  const automaticButton = el(
    'button',
    { type: 'button', class: 'sh-automatic', 'aria-pressed': 'false' },
    t.stop_retry,
  )
  const probe = options.probe ?? serverAnswers
  const probeUrl = options.probeUrl
  const retry =
    probeUrl === null
      ? null
      : startAutoRetry({
          hintSeconds: retryHintSeconds(model),
          probe: () => probe(probeUrl),
          onBack: options.onBack,
          render: (view) => {
            countdown.textContent = countdownText(view, t)
            const line = announcementFor(view, previousState, t)
            if (view.state !== previousState && line !== null) progress.textContent = line
            previousState = view.state
          },
          ...(options.environment ? { environment: options.environment } : {}),
        })
  retryButton.addEventListener('click', () => retry?.retryNow())
  automaticButton.addEventListener('click', () => {
    const turningOff = automaticButton.getAttribute('aria-pressed') !== 'true'
    automaticButton.setAttribute('aria-pressed', String(turningOff))
    automaticButton.textContent = turningOff ? t.resume_retry : t.stop_retry
    retry?.setAutomatic(!turningOff)
  })

  // Details: facts and the exact report.
  const factsList = el('dl', { class: 'sh-facts' })
  const reportPreview = el('pre', {
    class: 'sh-report',
    tabindex: '0',
    'aria-label': t.report_preview,
  })
  const refreshDetails = (report: Report) => {
    const facts = detailFacts(model, report, t, lang)
    factsList.replaceChildren(
      ...facts.flatMap((fact) => [el('dt', {}, fact.label), el('dd', {}, fact.value)]),
    )
    reportPreview.textContent = JSON.stringify(report, null, 2)
    return facts
  }
  refreshDetails(currentReport())
  const details = el(
    'div',
    { id: id('details'), class: 'sh-details', hidden: '' },
    factsList,
    el(subheading, { class: 'sh-subtitle' }, t.report_preview),
    reportPreview,
  )
  const toggle = el(
    'button',
    {
      type: 'button',
      class: 'sh-toggle',
      'aria-expanded': 'false',
      'aria-controls': id('details'),
    },
    t.show_details,
  )
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    details.hidden = !open
  })
  const copyResult = el('span', { class: 'sh-copy-result', role: 'status' })
  const copyButton = el('button', { type: 'button', class: 'sh-copy' }, t.copy_details)
  copyButton.addEventListener('click', async () => {
    const report = currentReport()
    const ok = await copyText(detailsText(title, refreshDetails(report), report), options.root)
    copyResult.textContent = ok ? t.copied : t.copy_failed
  })

  const reportForm = renderReportForm({
    strings: t,
    heading: subheading,
    id,
    endpoint: options.reportEndpoint,
    supportEmail: status?.supportEmail ?? null,
    title,
    onInput(values) {
      comment = values.comment
      contact = values.contact
      refreshDetails(currentReport())
    },
    buildReport: () => {
      const report = currentReport()
      return { report, text: detailsText(title, refreshDetails(report), report) }
    },
  })

  const element = el(
    'section',
    { class: 'sh-panel', lang, 'aria-labelledby': id('title') },
    titleElement,
    cause && el('p', { class: 'sh-cause' }, cause),
    options.inputKept && el('p', { class: 'sh-input-kept' }, t.input_kept),
    messageBlock,
    otherNotices,
    backBy && el('p', { class: 'sh-back-by' }, backBy),
    helpText && el('p', { class: 'sh-help-text' }, helpText),
    helpLink && el('p', {}, helpLink),
    probeUrl !== null &&
      el('div', { class: 'sh-row' }, retryButton, automaticButton, countdown, progress),
    el('div', { class: 'sh-row' }, toggle, copyButton, copyResult),
    details,
    reportForm.element,
  )
  return {
    element,
    title: titleElement,
    destroy() {
      retry?.stop()
      reportForm.destroy()
    },
  }
}

function countdownText(view: RetryView, t: Strings): string {
  switch (view.state) {
    case 'counting':
      return format(t.retry_in, { seconds: view.seconds })
    case 'probing':
      return t.retrying
    case 'paused-hidden':
      return t.paused_hidden
    case 'paused-offline':
      return t.paused_offline
    case 'off':
      return t.retry_stopped
  }
}

/**
 * What the live region says when the state changes (never the ticking seconds): "Still not
 * working." after a failed check, the state's own line otherwise; `null` when there is nothing
 * new to say (the first countdown: the title already says it).
 */
function announcementFor(
  view: RetryView,
  previous: RetryView['state'] | null,
  t: Strings,
): string | null {
  if (view.state !== 'counting') return countdownText(view, t)
  return previous === 'probing' ? t.still_down : null
}
