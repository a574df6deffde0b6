import { openDatabase } from '../storage/postgres/database.js'
import { listDeliveries } from '../storage/postgres/postgres-outbox.js'
import type { Delivery } from '../storage/webhook-outbox.js'
import { UsageError } from './args.js'

const STATES = ['pending', 'delivered', 'dead'] as const

/**
 * `startup-help reports deliveries [--state S] [--json] --database URL`: the webhook outbox as
 * admins need it, above all the dead deliveries (kept after the last try) to resend by hand.
 *
 * @example
 * await printDeliveries({ databaseUrl: 'postgres://…', state: 'dead', json: false })
 */
export async function printDeliveries(options: {
  databaseUrl: string | undefined
  state: string | undefined
  json: boolean
}): Promise<number> {
  if (!options.databaseUrl) {
    throw new UsageError(
      'webhook deliveries are kept only in the database: give --database URL (or STARTUP_HELP_DATABASE_URL)',
    )
  }
  const state = options.state ?? null
  if (state !== null && !(STATES as readonly string[]).includes(state)) {
    throw new UsageError(`--state must be one of ${STATES.join(', ')}`)
  }
  const db = await openDatabase({ url: options.databaseUrl })
  try {
    const deliveries = await listDeliveries(db, state as Delivery['state'] | null)
    if (options.json) console.log(JSON.stringify(deliveries, null, 2))
    else if (deliveries.length === 0)
      console.log(`no ${state ?? ''} webhook deliveries`.replace('  ', ' '))
    else {
      for (const d of deliveries) {
        const error = d.lastError ? `  (${d.lastError.replace(/\s+/g, ' ').slice(0, 60)})` : ''
        console.log(
          `${d.reportId}  ${d.state.padEnd(9)}  ${d.attempts} tr${d.attempts === 1 ? 'y' : 'ies'}  ${d.createdAt}${error}`,
        )
      }
    }
    return 0
  } finally {
    await db.close()
  }
}
