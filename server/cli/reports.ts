import { join } from 'node:path'
import { isOneCReport, type StoredReport } from '../../formats/report.js'
import { HANDLED_FILE_NAME, readHandledLog } from '../storage/folder/handled-log.js'
import { REPORTS_FILE_NAME, readReportFile } from '../storage/folder/report-file.js'
import { normalizeReference } from '../storage/reference-id.js'
import { kindOf, matchesText } from '../storage/report-fields.js'
import { parseReportQuery, selectPage } from '../storage/report-query.js'
import { databaseUrlOf, dataDirPath, parseCommandArgs, runCommand, UsageError } from './args.js'
import { oneCDetails, oneCSummaryLine } from './onec-report-text.js'
import { clean, labelled, oneLine } from './terminal-text.js'

const HELP = `Usage: startup-help reports list [--data DIR] [--app ID] [--since TIME] [--until TIME]
                [--kind KIND] [--q TEXT] [--handled open|handled] [--limit N] [--json]
       startup-help reports show ID [--data DIR] [--json]
       startup-help reports deliveries [--state pending|delivered|dead] [--json] --database URL

Reads the diagnostic reports users sent (the file DIR/${REPORTS_FILE_NAME}); safe to run
while the service is running.

  list   newest first; --app filters by app id, --since by an ISO 8601 date or date-time
         with a zone (2026-11-22 or 2026-11-22T14:00:00+03:00), --until (received before),
         --kind offline|unreachable|timeout|http-error|1c, --q TEXT (in the comment or the
         reference, any case), --handled open|handled, --limit N (default 50, max 500);
         when more match, it ends with the --cursor ID that lists the next page
  show   one report by the reference the user quoted (SH-7K3M9Q; case and O/0, I/1 mix-ups
         are forgiven)
  deliveries  webhook deliveries of the database backend (STARTUP_HELP_DATABASE_URL),
         newest first; --state dead lists those given up after the last try

Options (environment variable in brackets):
  --data DIR   data folder [STARTUP_HELP_DATA_DIR]   default ./data
  --json       print JSON (a list prints an array)`

function summaryLine(report: StoredReport): string {
  if (isOneCReport(report)) return oneCSummaryLine(report)
  const when = report.receivedAt.replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' ')
  const comment = report.comment ? `  "${oneLine(report.comment, 40)}"` : ''
  return [
    report.id,
    when,
    (report.app ?? '-').padEnd(12),
    oneLine(report.failure.errorCode, 16).padEnd(16),
    oneLine(report.pageUrl, 60),
  ]
    .join('  ')
    .concat(comment)
}

function details(report: StoredReport, dataDir: string): string {
  if (isOneCReport(report)) return oneCDetails(report, dataDir)
  const f = report.failure
  const status = f.status === null ? 'no answer' : `HTTP ${f.status}`
  const duration = f.durationMs === null ? '' : ` after ${Math.round(f.durationMs)} ms`
  const rows: [string, string][] = [
    ['Reference', report.id],
    ['Received', report.receivedAt],
    ['Created', clean(report.createdAt)],
    [
      'App',
      `${clean(report.app ?? '-')} ${clean(report.appVersion ?? '')} (library ${clean(report.libraryVersion)})`,
    ],
    ['Page', clean(report.pageUrl)],
    ['Failure', `${f.kind}: ${clean(f.method)} ${clean(f.url)} → ${status}${duration}`],
    ['Error code', clean(f.errorCode)],
    ['Failed at', clean(f.at)],
    ['Request id', clean(f.requestId ?? '-')],
    ['Browser', clean(report.browser.userAgent)],
    [
      'Language',
      `${clean(report.browser.language)}, time zone ${clean(report.browser.timeZone)}, ${report.browser.online ? 'online' : 'offline'}`,
    ],
    [
      'Service worker',
      `${report.serviceWorker.state}, last successful load ${clean(report.serviceWorker.lastSuccessfulLoad ?? 'never')}`,
    ],
    ['Message shown', clean(report.shownMessage ?? '-')],
    ['Comment', clean(report.comment ?? '-')],
    [
      'Handled',
      report.handled ? `${clean(report.handled.at)} by ${clean(report.handled.by)}` : 'no (open)',
    ],
    ['Contact', clean(report.contact ?? '-')],
    ['Client id', report.clientReportId],
  ]
  return labelled(rows)
}

async function loadReports(dataDir: string): Promise<StoredReport[]> {
  const path = join(dataDir, REPORTS_FILE_NAME)
  const scan = await readReportFile(path)
  for (const { line, reason } of scan.skipped) {
    console.error(`startup-help: ${path}:${line}: skipped a damaged line: ${reason}`)
  }
  // A torn tail is either a write in progress (the service is running) or a crash the service
  // repairs at its next start: never an acknowledged report, so it is not shown. The same
  // holds for the handled log beside it.
  const { marks } = await readHandledLog(join(dataDir, HANDLED_FILE_NAME))
  return scan.records.map(({ record }) => ({ ...record, handled: marks.get(record.id) ?? null }))
}

/**
 * `startup-help reports list|show`: reads the report file directly, so support can look a
 * reference up on the server without the admin API.
 *
 * @example
 * await run(['show', 'SH-7K3M9Q', '--data', '/var/lib/startup-help'])
 */
export function run(argv: string[]): Promise<number> {
  return runCommand(HELP, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      data: { type: 'string' },
      app: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      kind: { type: 'string' },
      q: { type: 'string' },
      handled: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      json: { type: 'boolean' },
      state: { type: 'string' },
      database: { type: 'string' },
    })
    if (values.help) {
      console.log(HELP)
      return 0
    }
    const [action, ...rest] = positionals
    const dataDir = dataDirPath(values.data)
    if (action === 'list') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
      const parsed = parseReportQuery({
        app: values.app,
        since: values.since,
        until: values.until,
        kind: values.kind,
        q: values.q,
        handled: values.handled,
        limit: values.limit,
        cursor: values.cursor,
      })
      if (!parsed.ok) throw new UsageError(`--${parsed.field} ${parsed.message}`)
      const { kind, text, handled } = parsed.query
      // selectPage knows app and time; the rest is checked here, every record being in memory.
      const stored = await loadReports(dataDir)
      const matching = stored.filter(
        (report) =>
          (!kind || kindOf(report) === kind) &&
          (!text || matchesText(report, text)) &&
          (!handled || (report.handled != null) === (handled === 'handled')),
      )
      const all = matching.map((report) => ({
        report,
        id: report.id,
        app: report.app,
        receivedAtMs: Date.parse(report.receivedAt),
      }))
      const page = selectPage(all, parsed.query)
      if (!page.ok) throw new UsageError(`--cursor ${page.message}`)
      const picked = page.items.map((item) => item.report)
      // The JSON stays a plain array; where the next page starts goes to stderr.
      const more = page.nextCursor ? `more: add --cursor ${page.nextCursor} for the next page` : ''
      if (values.json) {
        console.log(JSON.stringify(picked, null, 2))
        if (more) console.error(more)
      } else if (picked.length === 0) {
        console.log(
          `no reports${stored.length > 0 ? ' match' : ` in ${join(dataDir, REPORTS_FILE_NAME)}`}`,
        )
      } else {
        for (const report of picked) console.log(summaryLine(report))
        console.log(`${picked.length} of ${stored.length} report(s), newest first`)
        if (more) console.log(more)
      }
      return 0
    }
    if (action === 'deliveries') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
      // Loaded only here: the file commands run without the PostgreSQL client.
      const { printDeliveries } = await import('./report-deliveries.js')
      return printDeliveries({
        databaseUrl: databaseUrlOf(values.database),
        state: values.state,
        json: values.json ?? false,
      })
    }
    if (action === 'show') {
      const [given, ...extra] = rest
      if (given === undefined)
        throw new UsageError('reports show needs a reference, e.g. SH-7K3M9Q')
      if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
      const id = normalizeReference(given)
      const report =
        id === null ? undefined : (await loadReports(dataDir)).find((item) => item.id === id)
      if (!report) {
        console.error(
          `startup-help: no report ${oneLine(given, 40)} in ${join(dataDir, REPORTS_FILE_NAME)}` +
            (id === null
              ? ' (a reference looks like SH-7K3M9Q)'
              : ' (check --data, or it may be past retention)'),
        )
        return 1
      }
      console.log(values.json ? JSON.stringify(report, null, 2) : details(report, dataDir))
      return 0
    }
    throw new UsageError(
      action === undefined
        ? 'say list, show or deliveries'
        : `unknown action "${action}" (list, show or deliveries)`,
    )
  })
}
