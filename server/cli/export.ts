import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { builtBrowserAssetsDir } from '../assets.js'
import { exportStatic } from '../export/export-static.js'
import { watchExport } from '../export/watch-export.js'
import { StatusStore } from '../status/status-store.js'
import { databaseUrlOf, parseCommandArgs, runCommand, statusFilePath, UsageError } from './args.js'

const HELP = `Usage: startup-help export --out DIR [--status FILE | --database URL] [--lang en,ru] [--watch [--after CMD]]

Writes what nginx or a CDN can serve without the service: the /v1/status answer for each app
(and the top level) and language, with the service's own ETag and a Cache-Control that never
outlives the next start or expiry (in DIR/etag.map and DIR/cache-control.map for nginx), and
the /help page with its assets. See config-samples/nginx-export.conf. Reports still need the
service.

  --out DIR        folder to write (created when missing)
  --status FILE    status file [STARTUP_HELP_STATUS_FILE]   default ./status.json
  --database URL   or the status in PostgreSQL [STARTUP_HELP_DATABASE_URL]
  --lang LIST      languages, comma-separated   default en,ru
  --max-age N      longest max-age in seconds   default 60 (as the service)
  --watch          keep running: export again on every change and at each start/expiry
  --after CMD      with --watch: run this shell command after an export whose ETags or
                   Cache-Control changed, e.g. "nginx -s reload" (nginx reads its maps on reload)`

/** The PostgreSQL modules, loaded only with --database (the file default runs without them). */
async function loadPostgres() {
  const [{ openDatabase }, { StatusFollower }, { PostgresStatusStorage }] = await Promise.all([
    import('../storage/postgres/database.js'),
    import('../storage/postgres/status-follower.js'),
    import('../storage/postgres/postgres-status-storage.js'),
  ])
  return { openDatabase, StatusFollower, PostgresStatusStorage }
}

/**
 * `startup-help export`: one export, or with `--watch` one per change until SIGINT/SIGTERM.
 *
 * @example
 * await run(['--out', '/srv/startup-help', '--status', 'status.json'])
 */
export function run(argv: string[]): Promise<number> {
  return runCommand(HELP, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: 'string' },
      status: { type: 'string' },
      database: { type: 'string' },
      lang: { type: 'string' },
      'max-age': { type: 'string' },
      watch: { type: 'boolean' },
      after: { type: 'string' },
    })
    if (values.help) {
      console.log(HELP)
      return 0
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    if (!values.out) throw new UsageError('--out DIR is required')
    if (values.after && !values.watch) throw new UsageError('--after goes with --watch')
    const langs = (values.lang ?? 'en,ru').split(',').map((lang) => lang.trim())
    if (langs.some((lang) => !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)))
      throw new UsageError('--lang must list tags like en,ru,pt-BR')
    const maxAge = Number(values['max-age'] ?? '60')
    if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 86_400)
      throw new UsageError('--max-age must be a whole number of seconds from 0 to 86400')

    const statusFile = statusFilePath(values.status)
    const store = new StatusStore({ file: statusFile })
    const databaseUrl = databaseUrlOf(values.database)
    const postgres = databaseUrl ? await loadPostgres() : null
    const db = postgres && databaseUrl ? await postgres.openDatabase({ url: databaseUrl }) : null
    const follower =
      postgres && db
        ? await postgres.StatusFollower.start({
            db,
            storage: new postgres.PostgresStatusStorage({ db }),
            store,
            localFile: statusFile,
          })
        : null
    if (!db) store.start()
    const options = {
      store,
      outDir: values.out,
      langs,
      browserAssetsDir: builtBrowserAssetsDir(),
      maxAgeSeconds: maxAge,
    }
    try {
      if (!store.health().valid) {
        throw new Error(`${statusFile} is not valid: ${store.health().problems[0]?.message ?? ''}`)
      }
      if (!values.watch) {
        const result = await exportStatic(options)
        console.log(`startup-help: exported ${result.answers} status answer(s) to ${values.out}`)
        return 0
      }
      const after = values.after
      const stop = await watchExport({
        ...options,
        onExport: (result) =>
          console.log(
            `startup-help: exported ${result.answers} status answer(s) to ${values.out}${result.nextChangeAt === null ? '' : `; next change ${new Date(result.nextChangeAt).toISOString()}`}`,
          ),
        ...(after
          ? {
              onMapsChanged: async () => {
                await promisify(execFile)('/bin/sh', ['-c', after]).catch((error: Error) =>
                  console.error(`startup-help: --after failed: ${error.message}`),
                )
              },
            }
          : {}),
      })
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      await stop()
      return 0
    } finally {
      store.stop()
      await follower?.stop()
      await db?.close()
    }
  })
}
