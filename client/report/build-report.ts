import { UNKNOWN_ERROR_CODE } from '../../formats/failure.js'
import { type HelpModel, visibleMessage } from '../../formats/help-model.js'
import type { Failure, Report } from '../../formats/report.js'
import { LIBRARY_VERSION } from '../version.js'
import { redactUrl } from './redact-url.js'

/** What the browser knows about itself when the report is built; injected so tests are exact. */
export interface BrowserFacts {
  pageUrl: string
  userAgent: string
  language: string
  timeZone: string
  online: boolean
  /** ms since epoch */
  now: number
}

/** What the user typed and the report's idempotency id. */
export interface ReportInput {
  clientReportId: string
  comment?: string
  contact?: string
}

/**
 * Reads the browser facts a report carries. Nothing else is read: no cookies, no storage, no
 * headers, no form values.
 *
 * @example
 * const facts = readBrowserFacts()
 */
export function readBrowserFacts(): BrowserFacts {
  let timeZone = 'unknown'
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'unknown'
  } catch {
    // Very old engines: the zone is a nicety, not a reason to fail the report.
  }
  return {
    pageUrl: location.href,
    userAgent: navigator.userAgent,
    language: navigator.language || 'unknown',
    timeZone,
    online: navigator.onLine !== false,
    now: Date.now(),
  }
}

/**
 * Builds the report exactly as it will be sent (and as "Show details" shows it): the failure
 * and facts from `model` and `facts`, URLs redacted, the user's comment and contact trimmed and
 * left out when empty.
 *
 * @example
 * const report = buildReport(model, readBrowserFacts(), { clientReportId: newClientReportId() })
 */
export function buildReport(model: HelpModel, facts: BrowserFacts, input: ReportInput): Report {
  const at = new Date(facts.now).toISOString()
  const pageUrl = clip(redactUrl(facts.pageUrl), 2048)
  const report: Report = {
    clientReportId: input.clientReportId,
    app: model.defaults.app,
    appVersion: model.defaults.appVersion === null ? null : clip(model.defaults.appVersion, 64),
    libraryVersion: LIBRARY_VERSION,
    createdAt: at,
    pageUrl,
    failure: reportFailure(model.failure, pageUrl, at),
    browser: {
      userAgent: clip(facts.userAgent, 512),
      language: clip(facts.language, 35),
      timeZone: clip(facts.timeZone, 64),
      online: facts.online,
    },
    serviceWorker: {
      state: model.serviceWorkerState,
      lastSuccessfulLoad: model.lastSuccessfulLoad,
    },
    shownMessage: clipOrNull(visibleMessage(model.known, facts.now)?.text ?? null, 4000),
  }
  const comment = input.comment?.trim()
  const contact = input.contact?.trim()
  if (comment) report.comment = clip(comment, 2000)
  if (contact) report.contact = clip(contact, 200)
  return report
}

/** Copies only the schema's fields (a newer service worker may add some) and redacts the URL. */
function reportFailure(failure: Failure | null, pageUrl: string, at: string): Failure {
  if (failure === null) {
    // The server's /help page opened without a failure the browser saw itself.
    return {
      kind: 'unreachable',
      url: pageUrl,
      method: 'GET',
      status: null,
      durationMs: null,
      at,
      errorCode: UNKNOWN_ERROR_CODE,
      requestId: null,
    }
  }
  return {
    kind: failure.kind,
    url: clip(redactUrl(failure.url), 2048),
    method: clip(failure.method, 16),
    status: failure.status,
    durationMs: failure.durationMs,
    at: failure.at,
    errorCode: clip(failure.errorCode, 64),
    requestId: failure.requestId ?? null,
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text
}

function clipOrNull(text: string | null, max: number): string | null {
  return text === null ? null : clip(text, max)
}
