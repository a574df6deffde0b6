import { errorOf } from '../../formats/error-body.js'
import type { Report } from '../../formats/report.js'
import { timeoutSignal } from '../timeout-signal.js'

/** How one POST of a report ended. */
export type PostOutcome =
  | { kind: 'sent'; id: string }
  /** The service worker took it (status service unreachable) and will replay it. */
  | { kind: 'queued' }
  /** Network failure, 5xx or 429: worth sending again later. */
  | { kind: 'retry-later' }
  /** The service refused it (4xx): sending it again would not help. */
  | { kind: 'rejected'; reason: string }

/** A report POST waits this long; beyond it the report is kept and retried later. */
const POST_TIMEOUT_MS = 15_000

/**
 * POSTs one report as JSON, without credentials (the status service never wants cookies).
 *
 * @example
 * const outcome = await postReport(reportsEndpoint(statusUrl), report)
 */
export async function postReport(endpoint: string, report: Report): Promise<PostOutcome> {
  let response: Response
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
      credentials: 'omit',
      signal: timeoutSignal(POST_TIMEOUT_MS),
    })
  } catch {
    return { kind: 'retry-later' }
  }
  const body = (await response.json().catch(() => null)) as {
    id?: unknown
    queued?: unknown
  } | null
  if (response.status === 202 && body?.queued === true) return { kind: 'queued' }
  if (response.ok && typeof body?.id === 'string') return { kind: 'sent', id: body.id }
  if (response.status === 429 || response.status >= 500) return { kind: 'retry-later' }
  const error = errorOf(body)
  const field = error?.field ? `${error.field}: ` : ''
  return {
    kind: 'rejected',
    reason: error ? `${field}${error.message}` : `HTTP ${response.status}`,
  }
}
