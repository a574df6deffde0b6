import pg from 'pg'
import { StoreUnavailableError } from '../store-health.js'
import { migrate } from './migrate.js'
import { redactUrl } from './redact-database-url.js'

export interface DatabaseOptions {
  /** `postgres://user:password@host:5432/db` (STARTUP_HELP_DATABASE_URL or `--database`). */
  url: string
  /**
   * Connections per instance at most. Reports commit one by one and PostgreSQL groups the
   * flushes of concurrent commits; 10 keeps 2,000+ durable reports/s with room for several
   * instances under the server's default max_connections of 100.
   */
  maxConnections?: number
  log?: (line: string) => void
}

/** The database an instance shares with the others: a pool, the URL (for LISTEN), and close. */
export interface Database {
  pool: pg.Pool
  url: string
  close(): Promise<void>
}

/**
 * How long a query may wait for a connection (ms) before the request gets a 503: short, so a
 * database outage answers "try again" at once instead of holding the browser.
 */
const CONNECT_TIMEOUT_MS = 2_000
/** A query that takes longer is abandoned (a hung server must not pile requests up). */
const QUERY_TIMEOUT_MS = 10_000

/**
 * Opens the pool and applies migrations (under an advisory lock, safe when several instances
 * start at once).
 *
 * @example
 * const db = await openDatabase({ url: process.env.STARTUP_HELP_DATABASE_URL })
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? ((line: string) => console.error(line))
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: 'startup-help',
  })
  // An idle connection that the server drops (restart, failover) emits here; without a
  // listener that would crash the process. The pool replaces it on the next query.
  pool.on('error', (error) => log(`startup-help: database connection lost: ${error.message}`))
  try {
    await migrate(pool)
  } catch (error) {
    await pool.end().catch(() => {})
    throw new Error(
      `the database at ${redactUrl(options.url)} cannot be used: ${(error as Error).message}`,
    )
  }
  return { pool, url: options.url, close: () => pool.end() }
}

/**
 * A failed query as the reason a request cannot be served now: the message names the database,
 * never its URL (`/healthz` is public).
 *
 * @example
 * throw unavailable(error) // StoreUnavailableError('the database is unreachable: connect ECONNREFUSED …')
 */
export function unavailable(error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error
  return new StoreUnavailableError(`the database is unreachable: ${(error as Error).message}`)
}
