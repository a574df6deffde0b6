import type { Report } from '../../formats/report.js'
import { postReport } from './post-report.js'
import { enqueueReport } from './report-queue.js'

/** What the user is told after "Send report to support". */
export type SendResult =
  | { kind: 'sent'; id: string }
  | { kind: 'saved' }
  | { kind: 'failed'; reason: string }

/**
 * Sends the report; when it can't be delivered now it is saved (by the service worker, which
 * answers 202 `{queued: true}`, or else in this page's localStorage queue) and sent later.
 *
 * @example
 * const result = await sendReport(reportsEndpoint(statusUrl), report)
 * if (result.kind === 'sent') show(`Sent — reference ${result.id}`)
 */
export async function sendReport(endpoint: string, report: Report): Promise<SendResult> {
  const outcome = await postReport(endpoint, report)
  switch (outcome.kind) {
    case 'sent':
      return outcome
    case 'queued':
      return { kind: 'saved' }
    case 'rejected':
      return { kind: 'failed', reason: outcome.reason }
    case 'retry-later':
      return enqueueReport(endpoint, report)
        ? { kind: 'saved' }
        : { kind: 'failed', reason: 'the connection is down and this browser cannot store it' }
  }
}
