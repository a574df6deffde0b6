import type { Pool } from 'pg'
import { MIGRATIONS } from './migrations.js'

/** Any fixed number: the advisory lock every instance takes while it migrates. */
const MIGRATION_LOCK = 0x5348_0001

/**
 * Brings the schema up to date in one transaction under an advisory lock, so instances started
 * at the same moment migrate one after the other (the later ones find nothing to do) and a
 * failed step leaves nothing half applied. Returns the versions it applied.
 *
 * @example
 * await migrate(pool) // [1] on an empty database, [] afterwards
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      'CREATE TABLE IF NOT EXISTS startup_help_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM startup_help_migrations',
    )
    const done = new Set(rows.map((row) => row.version))
    const applied: number[] = []
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue
      await client.query(step.sql)
      await client.query('INSERT INTO startup_help_migrations (version) VALUES ($1)', [
        step.version,
      ])
      applied.push(step.version)
    }
    await client.query('COMMIT')
    return applied
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
