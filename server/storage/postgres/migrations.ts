/**
 * The schema, one step per entry; a step once released is never edited (instances that applied
 * it would differ from new ones), a change is a new step. Applied by `migrate` in order.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE startup_help_reports (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        client_report_id text NOT NULL UNIQUE,
        app text,
        received_at timestamptz NOT NULL,
        -- json, not jsonb: the record is given back byte for byte as it was stored.
        record json NOT NULL
      );
      CREATE INDEX startup_help_reports_received_at ON startup_help_reports (received_at);
      CREATE TABLE startup_help_status (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        text text NOT NULL,
        version bigint NOT NULL,
        saved_at timestamptz NOT NULL
      );
      CREATE TABLE startup_help_status_history (
        seq bigserial PRIMARY KEY,
        text text NOT NULL,
        replaced_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Webhook deliveries: queued in the report's own INSERT, claimed with FOR UPDATE SKIP LOCKED.
      CREATE TABLE startup_help_outbox (
        seq bigserial PRIMARY KEY,
        report_id text NOT NULL,
        payload json NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz
      );
      CREATE INDEX startup_help_outbox_due ON startup_help_outbox (next_attempt_at)
        WHERE state = 'pending';
    `,
  },
  {
    version: 3,
    sql: `
      -- Who saved each version and when: NULL for versions saved before this step (unknown).
      ALTER TABLE startup_help_status ADD COLUMN saved_by text;
      ALTER TABLE startup_help_status_history
        ADD COLUMN saved_by text,
        ADD COLUMN saved_at timestamptz,
        ADD COLUMN version bigint;
      `,
  },
  {
    version: 4,
    sql: `
      -- The support inbox's handled mark, beside the record (which stays byte for byte as sent).
      -- Both NULL: open. Nullable columns without a default: no table rewrite on a large table.
      ALTER TABLE startup_help_reports ADD COLUMN handled_at timestamptz, ADD COLUMN handled_by text;
    `,
  },
  {
    version: 5,
    sql: `
      -- Console sessions signed out before they expire: stateless sessions are refused by every
      -- instance once one of them signed the session out.
      CREATE TABLE startup_help_console_sign_outs (
        id text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
    `,
  },
]
