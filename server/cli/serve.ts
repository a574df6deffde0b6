import { readFileSync } from 'node:fs'
import { readMaxConnections } from '../http/connection-limits.js'
import { type AdminTokenSetting, parseTokenFile } from '../middleware/admin-tokens.js'
import { startServer } from '../node.js'
import { readHistoryLimits } from '../storage/history-limits.js'
import { redactUrl } from '../storage/postgres/redact-database-url.js'
import {
  databaseUrlOf,
  dataDirPath,
  parseCommandArgs,
  runCommand,
  statusFilePath,
  UsageError,
} from './args.js'

const HELP = `Usage: startup-help serve [--status FILE] [--data DIR] [--port N] [--host H] [--admin-token-file FILE] [--database URL]

Runs the status service. The status file is followed live: a save is served within a second;
a broken save is never served (the last good version stays, and the problem is logged).

Options (environment variable in brackets):
  --status FILE            status file [STARTUP_HELP_STATUS_FILE]   default ./status.json
  --data DIR               data folder: reports, status history [STARTUP_HELP_DATA_DIR]   default ./data
  --port N                 port [PORT]   default 8787 (0 picks a free one)
  --host H                 address to listen on [HOST]   default 127.0.0.1
  --admin-token-file FILE  file holding the admin token, or one "label token" pair per line
                           for several admins [STARTUP_HELP_ADMIN_TOKEN_FILE]
                           (or the token itself in STARTUP_HELP_ADMIN_TOKEN); no token: admin API off
  --database URL           PostgreSQL, shared by several instances [STARTUP_HELP_DATABASE_URL]
                           (postgres://user:password@host:5432/db): the status, its history and
                           the reports live there; the status file only seeds an empty database

Reports (environment only):
  STARTUP_HELP_ALLOWED_ORIGINS        origins allowed to POST reports, comma-separated (default: any)
  STARTUP_HELP_WEBHOOK_URL            forward each new report to this URL
  STARTUP_HELP_REPORT_RETENTION_DAYS  delete reports older than this (default 30)
  STARTUP_HELP_REPORTS_PER_MINUTE     per client address (default 20, 0 = no limit)
  STARTUP_HELP_TRUST_PROXY            1: client address from the last X-Forwarded-For entry
                                      (set it behind a proxy, or all users share one limit)

1C:Enterprise error reports (environment only; see README "For 1C admins"):
  STARTUP_HELP_1C_REPORTS             on: answer /1c/getInfo and /1c/pushReport (default off: 404)
  STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR
                                      reports of one error stored per hour, then only counted
                                      (default 3, 0 = no limit)
  STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES
                                      larger screenshots are left out, the report kept (default 5242880)

Status history (environment only):
  STARTUP_HELP_HISTORY_VERSIONS       replaced versions kept at most (default 100)
  STARTUP_HELP_HISTORY_DAYS           and none older than this (default 90; the newest stays)

Connections (environment only):
  STARTUP_HELP_MAX_CONNECTIONS        open connections at most (default 10000)`

function readToken(file: string | undefined): AdminTokenSetting {
  const path = file ?? process.env.STARTUP_HELP_ADMIN_TOKEN_FILE
  if (path) return parseTokenFile(readFileSync(path, 'utf8'), path)
  const token = process.env.STARTUP_HELP_ADMIN_TOKEN?.trim()
  return token ? token : null
}

function readPort(text: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`)
  return port
}

/**
 * `startup-help serve`: runs until SIGINT/SIGTERM.
 *
 * @example
 * await run(['--status', 'status.json', '--port', '8787'])
 */
export function run(argv: string[]): Promise<number> {
  return runCommand(HELP, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      status: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'admin-token-file': { type: 'string' },
      database: { type: 'string' },
    })
    if (values.help) {
      console.log(HELP)
      return 0
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const statusFile = statusFilePath(values.status)
    const dataDir = dataDirPath(values.data)
    const adminToken = readToken(values['admin-token-file'])
    const databaseUrl = databaseUrlOf(values.database)
    const running = await startServer({
      statusFile,
      dataDir,
      port: readPort(values.port ?? process.env.PORT ?? '8787'),
      host: values.host ?? process.env.HOST ?? '127.0.0.1',
      adminToken,
      connections: { maxConnections: readMaxConnections(process.env) },
      history: readHistoryLimits(process.env),
      ...(databaseUrl ? { databaseUrl } : {}),
    })
    const health = running.store.health()
    const where = databaseUrl
      ? `status and reports in the database ${redactUrl(databaseUrl)}`
      : `status file ${statusFile}${health.valid ? '' : ' (not valid yet, see above)'}, data ${dataDir}`
    console.log(
      `startup-help: serving ${running.url} (${where}, admin API and console ${adminToken ? 'on at /admin' : 'off'})`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await running.close()
    return 0
  })
}
