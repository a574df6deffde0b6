import { visibleMessage } from '../../formats/help-model.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { formatProblem, parseStatusText } from '../status/parse-status-file.js'
import { readStatusFileSync } from '../status/read-status-file.js'
import { resolveStatus } from '../status/resolve-status.js'
import { statusWarnings } from '../status/warnings.js'
import { parseCommandArgs, runCommand, statusFilePath, UsageError } from './args.js'
import { formatLocalIso } from './parse-time.js'

const HELP = `Usage: startup-help check [FILE]

Validates a status file (default: STARTUP_HELP_STATUS_FILE, else ./status.json), prints its
errors with line:column and field, its warnings, and what each app's users see right now.
Exit code: 0 valid, 1 invalid.`

function languagesOf(document: StatusDocument): string[] {
  const langs = new Set<string>()
  const collect = (text: unknown) => {
    if (text && typeof text === 'object') for (const lang of Object.keys(text)) langs.add(lang)
  }
  for (const level of [document, ...Object.values(document.apps ?? {})]) {
    collect(level.userMessage)
    collect(level.helpText)
  }
  return langs.size === 0 ? ['en'] : [...langs].sort()
}

/**
 * What users of one app see now, as lines for the terminal (one set per language in the file).
 *
 * @example
 * describeNow(document, 'crm', Date.now()) // ['message (shown now, maintenance, until …): …', 'help text: …', …]
 */
export function describeNow(document: StatusDocument, app: string | null, now: number): string[] {
  const lines: string[] = []
  for (const lang of languagesOf(document)) {
    const status = resolveStatus(document, { app, lang, now }, new Date(now).toISOString())
    const known = { status, receivedAt: status.serverTime }
    const message = status.message
    const prefix = languagesOf(document).length > 1 ? `[${lang}] ` : ''
    if (!message) lines.push(`${prefix}message: (none)`)
    else {
      const window = `${message.startsAt ? `from ${message.startsAt} ` : ''}${message.expires ? `until ${message.expires}` : 'with no end'}`
      const state = visibleMessage(known, now) ? 'shown now' : 'upcoming'
      lines.push(
        `${prefix}message (${state}${message.severity ? `, ${message.severity}` : ''}, ${window}): ${message.text}`,
      )
    }
    lines.push(`${prefix}help text: ${status.helpText ?? '(none: the app default is used)'}`)
  }
  const status = resolveStatus(document, { app, lang: 'en', now }, new Date(now).toISOString())
  lines.push(`help URL: ${status.helpUrl ?? '(none: the app default is used)'}`)
  if (status.supportEmail) lines.push(`support e-mail: ${status.supportEmail}`)
  if (status.disableServiceWorker)
    lines.push('KILL SWITCH ON: service workers unregister themselves')
  return lines
}

/**
 * `startup-help check [FILE]`.
 *
 * @example
 * process.exitCode = await run(['status.json'])
 */
export function run(argv: string[]): Promise<number> {
  return runCommand(HELP, async () => {
    const { values, positionals } = parseCommandArgs(argv, {})
    if (values.help) {
      console.log(HELP)
      return 0
    }
    if (positionals.length > 1) throw new UsageError('check takes one file')
    const file = positionals[0] ?? statusFilePath(undefined)
    const read = readStatusFileSync(file)
    if (!read.ok) {
      console.error(`${file}: INVALID: ${read.message}`)
      return 1
    }
    const parsed = parseStatusText(read.text)
    if (!parsed.ok) {
      console.error(`${file}: INVALID (the service keeps serving its last good version)`)
      for (const problem of parsed.problems) console.error(`  ${formatProblem(file, problem)}`)
      return 1
    }
    const now = Date.now()
    console.log(`${file}: valid`)
    const warnings = statusWarnings(parsed.document, now)
    for (const warning of warnings) console.log(`  warning: ${warning}`)
    console.log(`\nWhat users see now (${formatLocalIso(new Date(now))}):`)
    const apps: (string | null)[] = [null, ...Object.keys(parsed.document.apps ?? {})]
    for (const app of apps) {
      console.log(`  ${app === null ? 'all apps (top level)' : `app "${app}"`}:`)
      for (const line of describeNow(parsed.document, app, now)) console.log(`    ${line}`)
    }
    return 0
  })
}
