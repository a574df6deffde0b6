import type { StoredReport } from '../../formats/report.js'
import type { WebhookForwarder } from '../storage/webhook-outbox.js'

export type { WebhookForwarder }

export interface WebhookForwarderOptions {
  /** Where stored reports are POSTed as JSON (a helpdesk or chat integration). */
  url: string
  /** Tries per report, the first included. Default 6 (about a minute of backoff in total). */
  attempts?: number
  /** Wait before the second try; doubles each time (1 s, 2 s, 4 s…). Default 2000 ms. */
  baseDelayMs?: number
  /** Longest wait between tries, so a long outage does not push retries out for hours. */
  maxDelayMs?: number
  /** One try gives up after this long; a hanging webhook must not hold sockets forever. */
  timeoutMs?: number
  /**
   * Reports waiting for delivery at most; beyond it new ones are not forwarded (they stay
   * stored). Bounds memory when the webhook is down during a flood. Default 1000.
   */
  maxPending?: number
  log?: (line: string) => void
}

/**
 * Forwards each stored report to a webhook with exponential backoff and a bounded number of
 * tries. It runs after the report is on disk and is never awaited by the request, so a slow or
 * failing webhook can neither lose a report nor delay the 201. Delivery is at-least-once while
 * the process lives (a retry after a timeout may deliver twice: the body carries `id` to dedupe);
 * reports waiting when the process stops are not retried after a restart.
 *
 * @example
 * const webhook = createWebhookForwarder({ url: 'https://chat.example.com/hooks/support' })
 * webhook.forward(storedReport)
 */
export function createWebhookForwarder(options: WebhookForwarderOptions): WebhookForwarder {
  const attempts = options.attempts ?? 6
  const baseDelayMs = options.baseDelayMs ?? 2000
  const maxDelayMs = options.maxDelayMs ?? 60_000
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxPending = options.maxPending ?? 1000
  const log = options.log ?? ((line: string) => console.warn(line))
  const timers = new Set<NodeJS.Timeout>()
  let pending = 0
  let closed = false
  let waiters: (() => void)[] = []

  function finish(): void {
    pending -= 1
    if (pending === 0) {
      for (const wake of waiters) wake()
      waiters = []
    }
  }

  async function tryOnce(record: StoredReport): Promise<string | null> {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'startup-help' },
        body: JSON.stringify(record),
        signal: AbortSignal.timeout(timeoutMs),
      })
      // Drain the body so the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined)
      return response.ok ? null : `HTTP ${response.status}`
    } catch (error) {
      return (error as Error).message
    }
  }

  async function deliver(record: StoredReport, attempt: number): Promise<void> {
    const failure = await tryOnce(record)
    if (failure === null || closed) return finish()
    if (attempt >= attempts) {
      log(`reports: webhook gave up on ${record.id} after ${attempts} tries (${failure})`)
      return finish()
    }
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
    const timer = setTimeout(() => {
      timers.delete(timer)
      void deliver(record, attempt + 1)
    }, delay)
    timers.add(timer)
  }

  return {
    forward(record) {
      if (closed) return
      if (pending >= maxPending) {
        log(
          `reports: webhook backlog full (${maxPending}); ${record.id} is stored but not forwarded`,
        )
        return
      }
      pending += 1
      void deliver(record, 1)
    },
    get pending() {
      return pending
    },
    idle() {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))
    },
    close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      const given = timers.size
      timers.clear()
      for (let index = 0; index < given; index += 1) finish()
    },
  }
}
