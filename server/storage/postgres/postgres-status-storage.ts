import type { PoolClient } from 'pg'
import { authorLabel } from '../../status/author-label.js'
import { DEFAULT_HISTORY_LIMITS, type HistoryLimits } from '../history-limits.js'
import {
  CURRENT_VERSION_ID,
  type CurrentDocument,
  type DocumentVersion,
  type EditResult,
  type StatusDocumentStorage,
  type StatusEdit,
} from '../status-document-storage.js'
import { type Database, unavailable } from './database.js'

/** The channel every instance LISTENs on; the payload is the new version. */
export const STATUS_CHANNEL = 'startup_help_status'

interface StatusRow {
  text: string
  version: string
  saved_at: Date
  saved_by: string | null
}

interface HistoryRow {
  seq: string
  text: string
  version: string | null
  saved_at: Date | null
  saved_by: string | null
  replaced_at: Date
}

/** A kept version's id is its row's seq: digits only, so it is safe in a URL path. */
const KEPT_ID = /^[1-9]\d{0,17}$/

const HISTORY_COLUMNS =
  'seq::text AS seq, text, version::text AS version, saved_at, saved_by, replaced_at'

/**
 * The ETag of the database's document: its version, which every save bumps. Instances agree on
 * it without hashing, and `If-Match` compares it in the UPDATE itself.
 *
 * @example
 * versionEtag('7') // '"v7"'
 */
export const versionEtag = (version: string) => `"v${version}"`

/**
 * The status document as one row in PostgreSQL, shared by every instance. An edit reads the
 * row, and writes with `UPDATE … WHERE version = $read`: of two instances saving at once,
 * exactly one matches, the other gets a conflict. The replaced text goes to the history table
 * in the same transaction, with who saved it and when, and `NOTIFY` (sent at commit) tells the
 * other instances. A kept version's id is its history row's `seq`.
 *
 * @example
 * const storage = new PostgresStatusStorage({ db })
 * await storage.edit(() => ({ text: '{"userMessage":"Upgrade"}\n' }), Date.now())
 */
export class PostgresStatusStorage implements StatusDocumentStorage {
  private readonly db: Database
  private readonly limits: HistoryLimits

  constructor(options: { db: Database; history?: HistoryLimits }) {
    this.db = options.db
    this.limits = options.history ?? DEFAULT_HISTORY_LIMITS
  }

  /** The row as it is (text, version, saved time and author), or null before the first save. */
  async readRow(): Promise<{
    text: string
    version: string
    savedAt: string
    savedBy: string | null
  } | null> {
    try {
      const { rows } = await this.db.pool.query<StatusRow>(
        'SELECT text, version::text AS version, saved_at, saved_by FROM startup_help_status WHERE id = 1',
      )
      const row = rows[0]
      return row
        ? {
            text: row.text,
            version: row.version,
            savedAt: row.saved_at.toISOString(),
            savedBy: row.saved_by,
          }
        : null
    } catch (error) {
      throw unavailable(error)
    }
  }

  async read(): Promise<CurrentDocument> {
    const row = await this.readRow()
    return row
      ? { text: row.text, problem: null, etag: versionEtag(row.version) }
      : { text: null, problem: null, etag: null }
  }

  async edit(
    edit: (current: CurrentDocument) => StatusEdit,
    now: number,
    author?: string,
  ): Promise<EditResult> {
    const row = await this.readRow()
    const current: CurrentDocument = row
      ? { text: row.text, problem: null, etag: versionEtag(row.version) }
      : { text: null, problem: null, etag: null }
    const outcome = edit(current)
    if ('conflict' in outcome) return { ok: false, conflict: outcome.conflict }
    const savedAt = new Date(now).toISOString()
    const savedBy = authorLabel(author)
    let client: PoolClient
    try {
      client = await this.db.pool.connect()
    } catch (error) {
      throw unavailable(error)
    }
    try {
      await client.query('BEGIN')
      const written = row
        ? await client.query<{ version: string }>(
            `UPDATE startup_help_status SET text = $1, version = version + 1, saved_at = $2,
             saved_by = $4 WHERE id = 1 AND version = $3 RETURNING version::text AS version`,
            [outcome.text, savedAt, row.version, savedBy],
          )
        : await client.query<{ version: string }>(
            `INSERT INTO startup_help_status (id, text, version, saved_at, saved_by)
             VALUES (1, $1, 1, $2, $3)
             ON CONFLICT (id) DO NOTHING RETURNING version::text AS version`,
            [outcome.text, savedAt, savedBy],
          )
      const version = written.rows[0]?.version
      if (version === undefined) {
        await client.query('ROLLBACK')
        return {
          ok: false,
          conflict:
            'the document was changed by another instance while this edit was being saved; read it again and re-apply the edit',
        }
      }
      if (row && row.text !== outcome.text) await this.keepVersion(client, row, savedAt, now)
      await client.query('SELECT pg_notify($1, $2)', [STATUS_CHANNEL, version])
      await client.query('COMMIT')
      const saved = { text: outcome.text, etag: versionEtag(version), savedAt, savedBy }
      return { ok: true, saved }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw unavailable(error)
    } finally {
      client.release()
    }
  }

  async versions(): Promise<DocumentVersion[]> {
    const row = await this.readRow()
    let rows: HistoryRow[]
    try {
      const answer = await this.db.pool.query<HistoryRow>(
        `SELECT ${HISTORY_COLUMNS} FROM startup_help_status_history ORDER BY seq DESC`,
      )
      rows = answer.rows
    } catch (error) {
      throw unavailable(error)
    }
    return [...(row ? [currentVersion(row)] : []), ...rows.map(keptVersion)]
  }

  async version(id: string): Promise<DocumentVersion | null> {
    if (id === CURRENT_VERSION_ID) {
      const row = await this.readRow()
      return row ? currentVersion(row) : null
    }
    if (!KEPT_ID.test(id)) return null
    try {
      const { rows } = await this.db.pool.query<HistoryRow>(
        `SELECT ${HISTORY_COLUMNS} FROM startup_help_status_history WHERE seq = $1`,
        [id],
      )
      return rows[0] ? keptVersion(rows[0]) : null
    } catch (error) {
      throw unavailable(error)
    }
  }

  /**
   * Keeps the replaced row (text, and its version, time and author), then drops versions past
   * the limits (the newest always stays).
   */
  private async keepVersion(
    client: PoolClient,
    row: { text: string; version: string; savedAt: string; savedBy: string | null },
    replacedAt: string,
    now: number,
  ): Promise<void> {
    await client.query(
      `INSERT INTO startup_help_status_history (text, replaced_at, version, saved_at, saved_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.text, replacedAt, row.version, row.savedAt, row.savedBy],
    )
    const cutoff = new Date(now - this.limits.days * 86_400_000).toISOString()
    await client.query(
      `DELETE FROM startup_help_status_history WHERE seq < (SELECT max(seq) FROM startup_help_status_history)
       AND (replaced_at < $1 OR seq NOT IN
         (SELECT seq FROM startup_help_status_history ORDER BY seq DESC LIMIT $2))`,
      [cutoff, this.limits.versions],
    )
  }
}

function currentVersion(row: {
  text: string
  version: string
  savedAt: string
  savedBy: string | null
}): DocumentVersion {
  return {
    id: CURRENT_VERSION_ID,
    savedAt: row.savedAt,
    savedBy: row.savedBy,
    replacedAt: null,
    etag: versionEtag(row.version),
    text: row.text,
    current: true,
  }
}

function keptVersion(row: HistoryRow): DocumentVersion {
  return {
    id: row.seq,
    savedAt: row.saved_at?.toISOString() ?? null,
    savedBy: row.saved_by,
    replacedAt: row.replaced_at.toISOString(),
    // Rows kept before versions were recorded had an ETag nobody can know now: one of their own.
    etag: row.version === null ? `"h${row.seq}"` : versionEtag(row.version),
    text: row.text,
    current: false,
  }
}
