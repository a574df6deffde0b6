import { Queue } from 'workbox-background-sync'
import { reportsEndpoint } from '../formats/status-url.js'
import { devLog } from './dev-log.js'

/**
 * How long a report waits for the status service before it is dropped: a week, in minutes
 * (workbox's unit). Longer keeps personal data on the device for little gain.
 */
const MAX_RETENTION_MINUTES = 7 * 24 * 60
/** A delivery attempt that takes longer than this counts as "service unreachable": keep it queued. */
const DELIVERY_TIMEOUT_MS = 10_000
/** The IndexedDB queue name (workbox-background-sync keeps it in `workbox-background-sync`). */
const QUEUE_NAME = 'startup-help-reports'

declare const self: ServiceWorkerGlobalScope

/** True when the answer means "try later" rather than "delivered" or "refused for good". */
const isRetryable = (response: Response) => response.status >= 500 || response.status === 429

/**
 * Sends every queued report, oldest first. An entry leaves the queue once the service answered
 * 2xx (stored; a replay of the same clientReportId is deduplicated by the server) or 4xx other than
 * 429 (refused for good: retrying cannot help); a network error, 5xx or 429 leaves it and stops.
 * The entry stays in IndexedDB while its POST is in flight, so a worker stopped mid-way loses
 * nothing (the server dedupes the resend).
 */
async function replayQueue(queue: Queue, onEmpty: () => void): Promise<void> {
  for (;;) {
    const [entry] = await queue.getAll()
    if (!entry) {
      onEmpty()
      return
    }
    let response: Response | null = null
    try {
      response = await fetch(entry.request.clone(), {
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      })
    } catch {
      response = null
    }
    if (!response || isRetryable(response)) {
      throw new Error('report-replay-failed: the status service is still unreachable')
    }
    // Drop the head, which is the entry just sent, unless another worker instance (an old
    // version finishing its replay) took it meanwhile: then put back what we took by mistake.
    const removed = await queue.shiftRequest()
    if (removed && removed.timestamp !== entry.timestamp) await queue.unshiftRequest(removed)
    devLog('queued report delivered', response.status)
  }
}

/**
 * Reports posted while the status service can't be reached, kept in IndexedDB
 * (workbox-background-sync) and sent when the connection is back: on the `sync` event where the
 * Background Sync API exists, and on every worker start and navigation everywhere (see {@link flush}).
 *
 * @example
 * const reports = createReportQueue('https://status.example.com')
 * if (reports.matches(request)) event.respondWith(reports.handle(request))
 */
export function createReportQueue(statusUrl: string) {
  const endpoint = reportsEndpoint(statusUrl)
  // Everything the queue's onSync reaches is declared BEFORE `new Queue`: without the Background
  // Sync API (Firefox, Safari) the Queue constructor calls onSync at once, during the worker's
  // first evaluation, and a `const` below it would throw (temporal dead zone) and stop the worker
  // from ever installing.
  // One replay at a time per worker, so two triggers never send the same entry twice.
  let running: Promise<void> | null = null
  // Until the first replay found the queue empty, it may hold entries from an earlier run.
  let maybeQueued = true
  const flushWith = (target: Queue): Promise<void> => {
    running ??= replayQueue(target, () => {
      maybeQueued = false
    }).finally(() => {
      running = null
    })
    return running
  }
  const hasBackgroundSync = 'sync' in self.registration
  const queue = new Queue(QUEUE_NAME, {
    maxRetentionTime: MAX_RETENTION_MINUTES,
    onSync: async ({ queue: target }) => {
      // On a `sync` event a rejection tells the browser to try again later. Without the API this
      // runs un-awaited at worker start: a failure there just waits for the next trigger.
      if (hasBackgroundSync) return flushWith(target)
      await flushWith(target).catch((error) => devLog('report replay postponed', error))
    },
  })

  return {
    /** True for the page's report POST to the status service. */
    matches(request: Request): boolean {
      return request.method === 'POST' && request.url === endpoint
    },

    /**
     * Delivers the report, or keeps it and answers `202 {"queued": true}` when the status service
     * is unreachable (network error, timeout, 5xx, 429).
     */
    async handle(request: Request): Promise<Response> {
      const body = await request.text()
      const outgoing = () =>
        new Request(endpoint, {
          method: 'POST',
          body,
          headers: { 'content-type': request.headers.get('content-type') ?? 'application/json' },
          mode: 'cors',
          credentials: 'omit',
        })
      try {
        const response = await fetch(outgoing(), {
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        })
        if (!isRetryable(response)) return response
      } catch {
        // unreachable: keep it below
      }
      maybeQueued = true
      await queue.pushRequest({ request: outgoing() })
      return new Response(JSON.stringify({ queued: true }), {
        status: 202,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      })
    },

    /** Sends what is queued now; never throws (a failed attempt stays queued for the next one). */
    async flush(): Promise<void> {
      // Most navigations find nothing queued: don't open IndexedDB for them.
      if (!maybeQueued) return
      try {
        await flushWith(queue)
      } catch (error) {
        devLog('report replay postponed', error)
      }
    },
  }
}

export type ReportQueue = ReturnType<typeof createReportQueue>
