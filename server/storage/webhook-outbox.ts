import type { StoredReport } from '../../formats/report.js'

/**
 * Where stored reports go on to a webhook: the folder backend forwards them from memory
 * (`createWebhookForwarder`), the database through its outbox table (`PostgresOutbox`).
 *
 * @example
 * const webhook: WebhookForwarder = createWebhookForwarder({ url })
 * webhook.forward(storedReport)
 */
export interface WebhookForwarder {
  /** Queues a report for delivery and returns at once; never throws. */
  forward(record: StoredReport): void
  /** How many reports are waiting or in flight. */
  readonly pending: number
  /** Resolves once nothing is waiting (for tests and an orderly shutdown). */
  idle(): Promise<void>
  /** Stops retrying; reports still waiting are given up (they remain in the store). */
  close(): void
}

/** One report's webhook delivery as the outbox keeps it (admins read them: `GET /v1/reports/deliveries`). */
export interface Delivery {
  reportId: string
  state: 'pending' | 'delivered' | 'dead'
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
}

/** Reads webhook deliveries in one state (null: all), newest first: `PostgresOutbox.list`. */
export type DeliveriesReader = (state: Delivery['state'] | null) => Promise<Delivery[]>
