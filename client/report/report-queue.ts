import { type Report, reportSchema } from '../../formats/report.js'
import { postReport } from './post-report.js'
import { REPORT_QUEUE_KEY } from './queue-key.js'

interface QueuedReport {
  endpoint: string
  report: Report
}

/** Reports kept at most; older ones go first. A queue is for a short outage, not an archive. */
const MAX_QUEUED = 20

/**
 * Keeps a report in localStorage to resend later (pages without a controlling service worker).
 * The same `clientReportId` is kept once. Returns false when storage is unavailable.
 *
 * @example
 * enqueueReport(reportsEndpoint(statusUrl), report)
 */
export function enqueueReport(endpoint: string, report: Report): boolean {
  const queue = readQueue().filter((item) => item.report.clientReportId !== report.clientReportId)
  queue.push({ endpoint, report })
  return writeQueue(queue.slice(-MAX_QUEUED))
}

/**
 * Sends every queued report; keeps those that still can't be delivered. Replays are safe: the
 * service stores a `clientReportId` once.
 *
 * @example
 * await flushReportQueue() // { sent: 1, kept: 0 }
 */
export async function flushReportQueue(): Promise<{ sent: number; kept: number }> {
  const queue = readQueue()
  const kept: QueuedReport[] = []
  let sent = 0
  for (const item of queue) {
    const outcome = await postReport(item.endpoint, item.report)
    if (outcome.kind === 'retry-later') kept.push(item)
    else if (outcome.kind !== 'rejected') sent++
  }
  // Reports queued by another tab meanwhile are merged back rather than overwritten.
  const sentIds = new Set(
    queue.filter((item) => !kept.includes(item)).map((item) => item.report.clientReportId),
  )
  writeQueue(readQueue().filter((item) => !sentIds.has(item.report.clientReportId)))
  return { sent, kept: kept.length }
}

function readQueue(): QueuedReport[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(REPORT_QUEUE_KEY) ?? '[]')
    if (!Array.isArray(raw)) return []
    return raw.filter(
      (item): item is QueuedReport =>
        typeof item?.endpoint === 'string' && reportSchema.safeParse(item.report).success,
    )
  } catch {
    return []
  }
}

function writeQueue(queue: QueuedReport[]): boolean {
  try {
    if (queue.length === 0) localStorage.removeItem(REPORT_QUEUE_KEY)
    else localStorage.setItem(REPORT_QUEUE_KEY, JSON.stringify(queue))
    return true
  } catch {
    return false
  }
}
