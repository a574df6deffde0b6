import type { SignOutList } from '../sign-outs.js'
import { type Database, unavailable } from './database.js'

/**
 * Console sign-outs in PostgreSQL: a session signed out on one instance is refused by all.
 * Rows go once their session would have expired.
 *
 * @example
 * const signOuts = new PostgresSignOuts(db)
 * await signOuts.add(session.id, session.expiresAtMs)
 */
export class PostgresSignOuts implements SignOutList {
  constructor(private readonly db: Database) {}

  async has(id: string): Promise<boolean> {
    try {
      const { rows } = await this.db.pool.query(
        'SELECT 1 FROM startup_help_console_sign_outs WHERE id = $1 AND expires_at > now()',
        [id],
      )
      return rows.length > 0
    } catch (error) {
      throw unavailable(error)
    }
  }

  async add(id: string, expiresAtMs: number): Promise<void> {
    try {
      await this.db.pool.query(
        `INSERT INTO startup_help_console_sign_outs (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO NOTHING`,
        [id, new Date(expiresAtMs)],
      )
      await this.db.pool.query(
        'DELETE FROM startup_help_console_sign_outs WHERE expires_at <= now()',
      )
    } catch (error) {
      throw unavailable(error)
    }
  }
}
