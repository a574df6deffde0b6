import { describeIssue } from '../../formats/describe-issues.js'
import { SEVERITIES, type Severity } from '../../formats/primitives.js'
import {
  type AppOverride,
  type StatusDocument,
  statusDocumentSchema,
} from '../../formats/status-document.js'
import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import { FolderStatusStorage } from '../storage/folder/folder-status-storage.js'
import { readHistoryLimits } from '../storage/history-limits.js'
import type { CurrentDocument, StatusDocumentStorage } from '../storage/status-document-storage.js'
import {
  databaseUrlOf,
  dataDirPath,
  parseCommandArgs,
  runCommand,
  statusFilePath,
  UsageError,
} from './args.js'
import { describeNow } from './check.js'
import { formatLocalIso, parseTime } from './parse-time.js'

const HELP = `Usage:
  startup-help message set TEXT [--until TIME] [--from TIME] [--app ID] [--severity S] [--lang LL]
  startup-help message clear [--app ID]

Edits the status file atomically (--status FILE, else STARTUP_HELP_STATUS_FILE, else
./status.json); a running service shows the change within a second. The replaced version is
kept in the data folder's status-history (--data DIR, else STARTUP_HELP_DATA_DIR, else ./data).
With --database URL (else STARTUP_HELP_DATABASE_URL) it edits the status in PostgreSQL
instead, which every instance using that database serves within a second.

TIME is HH:MM (today, local time), a duration from now (30m, 2h, 1h30m) or ISO 8601
(2026-11-22T14:00+03:00). A time in the past is refused.

  --until TIME    when the message stops showing (recommended)
  --from TIME     when it starts showing (default: now)
  --app ID        only for this app (apps.ID), else for all apps
  --severity S    ${SEVERITIES.join(' | ')}
  --lang LL       set the text for this language only, keeping the others

Examples:
  startup-help message set "Server upgrade. Login is back by 14:00." --until 14:00 --severity maintenance
  startup-help message set "Идёт обновление сервера" --lang ru --until 2h
  startup-help message clear`

const MESSAGE_FIELDS = ['userMessage', 'startsAt', 'expires', 'severity'] as const

function parseCurrent(file: string, current: CurrentDocument): StatusDocument {
  if (current.problem !== null) throw new Error(`${file}: ${current.problem}; it was not changed`)
  const { text } = current
  if (text === null) return {}
  const parsed = parseStatusText(text)
  if (!parsed.ok) {
    // Rewriting a broken file would throw away the admin's other edits.
    const lines = parsed.problems.map((p) => `  ${formatProblem(file, p)}`).join('\n')
    throw new Error(`${file} is not valid, so it was not changed; fix it first:\n${lines}`)
  }
  return parsed.document
}

function futureTime(flag: string, value: string, now: Date): string {
  const at = parseTime(value, now)
  if (at.getTime() <= now.getTime()) {
    throw new Error(
      `${flag} ${value} is in the past (${formatLocalIso(at)}); for tomorrow give a date, e.g. ${formatLocalIso(new Date(at.getTime() + 86_400_000)).slice(0, 16)}`,
    )
  }
  return formatLocalIso(at)
}

interface SetOptions {
  text: string
  until?: string | undefined
  from?: string | undefined
  severity?: string | undefined
  lang?: string | undefined
}

function applySet(level: AppOverride, options: SetOptions, now: Date): AppOverride {
  const next: AppOverride = { ...level }
  if (options.lang) {
    // A plain message is every language's text: it stays as the English one, which is what
    // languages without their own text fall back to.
    const previous =
      typeof level.userMessage === 'string' ? { en: level.userMessage } : (level.userMessage ?? {})
    next.userMessage = { ...previous, [options.lang]: options.text }
  } else next.userMessage = options.text
  // A new message gets its own window: never inherit the end time of an old one.
  delete next.startsAt
  delete next.expires
  delete next.severity
  if (options.from) next.startsAt = futureTime('--from', options.from, now)
  if (options.until) next.expires = futureTime('--until', options.until, now)
  if (options.severity) {
    if (!(SEVERITIES as readonly string[]).includes(options.severity)) {
      throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}`)
    }
    next.severity = options.severity as Severity
  }
  return next
}

function applyClear(level: AppOverride): AppOverride {
  const next: AppOverride = { ...level }
  for (const field of MESSAGE_FIELDS) delete next[field]
  return next
}

/** Runs `body` with the status file's storage, or the database's (opened and closed around it). */
async function withStatusStorage<T>(
  databaseUrl: string | undefined,
  values: { status?: string | undefined; data?: string | undefined },
  body: (storage: StatusDocumentStorage) => Promise<T>,
): Promise<T> {
  const history = readHistoryLimits(process.env)
  if (!databaseUrl) {
    const file = statusFilePath(values.status)
    return body(new FolderStatusStorage({ file, dataDir: dataDirPath(values.data), history }))
  }
  // Loaded only with a database: the file default runs without the PostgreSQL client.
  const { openDatabase } = await import('../storage/postgres/database.js')
  const { PostgresStatusStorage } = await import('../storage/postgres/postgres-status-storage.js')
  const db = await openDatabase({ url: databaseUrl })
  try {
    return await body(new PostgresStatusStorage({ db, history }))
  } finally {
    await db.close()
  }
}

/**
 * `startup-help message set|clear`.
 *
 * @example
 * await run(['set', 'Upgrade in progress', '--until', '2h'])
 */
export function run(argv: string[]): Promise<number> {
  return runCommand(HELP, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      until: { type: 'string' },
      from: { type: 'string' },
      app: { type: 'string' },
      severity: { type: 'string' },
      lang: { type: 'string' },
      status: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
    })
    if (values.help) {
      console.log(HELP)
      return 0
    }
    const [action, text, ...extra] = positionals
    if (action !== 'set' && action !== 'clear')
      throw new UsageError('say "message set TEXT" or "message clear"')
    if (action === 'set' && (text === undefined || text.trim() === ''))
      throw new UsageError('message set needs the TEXT to show')
    if (action === 'clear' && text !== undefined)
      throw new UsageError(`unexpected argument "${text}"`)
    if (extra.length > 0)
      throw new UsageError(`unexpected argument "${extra[0]}" (quote the message text)`)
    if (values.app !== undefined && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(values.app)) {
      throw new UsageError('--app must match ^[a-z0-9][a-z0-9_-]{0,63}$')
    }

    const databaseUrl = databaseUrlOf(values.database)
    const file = databaseUrl ? 'the status in the database' : statusFilePath(values.status)
    const now = new Date()
    const edit = (level: AppOverride) =>
      action === 'set' && text !== undefined
        ? applySet(
            level,
            {
              text,
              until: values.until,
              from: values.from,
              severity: values.severity,
              lang: values.lang,
            },
            now,
          )
        : applyClear(level)
    let next: StatusDocument = {}
    // Read, edit and write as one compare-and-swap (the file's lock, or the row's version): a PUT
    // of the admin API or another `message` running at the same moment is never overwritten.
    const result = await withStatusStorage(databaseUrl, values, (storage) =>
      storage.edit(
        (current) => {
          const document = parseCurrent(file, current)
          next = { ...document }
          if (values.app === undefined) Object.assign(next, edit(document), { apps: document.apps })
          else
            next.apps = { ...document.apps, [values.app]: edit(document.apps?.[values.app] ?? {}) }
          if (action === 'clear' && values.app === undefined)
            for (const f of MESSAGE_FIELDS) delete next[f]
          if (next.apps === undefined) delete next.apps
          const valid = statusDocumentSchema.safeParse(next, { reportInput: true })
          if (!valid.success) {
            const lines = valid.error.issues.map((issue) => {
              const { path, message } = describeIssue(issue)
              return `  ${path}: ${message}`
            })
            throw new Error(
              `the result would not be valid, nothing was changed:\n${lines.join('\n')}`,
            )
          }
          return { text: `${JSON.stringify(next, null, 2)}\n` }
        },
        now.getTime(),
        'cli',
      ),
    )
    if (!result.ok) throw new Error(`${file}: ${result.conflict}`)

    console.log(
      `${file}: ${action === 'set' ? 'message set' : 'message cleared'}${values.app ? ` for app "${values.app}"` : ''}`,
    )
    if (action === 'set' && !values.until)
      console.log('  warning: no --until: the message shows until someone clears it')
    for (const line of describeNow(next, values.app ?? null, now.getTime()))
      console.log(`  ${line}`)
    return 0
  })
}
