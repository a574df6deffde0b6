import { join } from 'node:path'
import type { StoredOneCReport } from '../../formats/report.js'
import { ATTACHMENTS_DIR_NAME } from '../storage/folder/attachments.js'
import { clean, labelled, oneLine } from './terminal-text.js'

const orDash = (text: string | null | undefined) => clean(text?.trim() ? text : '-')

/**
 * The innermost application error: 1C lists errors from the outermost call ("error calling the
 * context method") to the cause (`{Module(812)}: Field not found`), so the last one says what broke.
 */
function rootError(record: StoredOneCReport): [string, string[]] {
  const last = record.report.errorInfo.applicationErrorInfo?.errors?.at(-1)
  return [last?.[0] ?? '', last?.[1] ?? []]
}

/**
 * One line of `reports list` for a 1C report: reference, time, app, `1c:` + the cause's first
 * category, configuration and the cause's text.
 *
 * @example
 * oneCSummaryLine(record) // 'SH-7K3M9Q  2026-11-22 14:03Z  erp           1c:ScriptRuntime  УправлениеПредприятием 2.5: {…}: …'
 */
export function oneCSummaryLine(record: StoredOneCReport): string {
  const when = record.receivedAt.replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' ')
  const [error, categories] = rootError(record)
  const config = record.report.configInfo
  const what = `${config?.name ?? ''} ${config?.version ?? ''}: ${error}`
  const said = record.report.errorInfo.userDescription
  return [
    record.id,
    when,
    (record.app ?? '-').padEnd(12),
    // `ScriptRuntimeError` → `1c:ScriptRuntime`: the column is 16 wide, as for browser codes.
    oneLine(`1c:${categories[0]?.replace(/Error$/, '') || 'error'}`, 16).padEnd(16),
    oneLine(what, 60),
  ]
    .join('  ')
    .concat(said ? `  "${oneLine(said, 40)}"` : '')
}

/**
 * `reports show` for a 1C report: who, where, what failed (errors, stack, hashes), what the user
 * wrote, and where the screenshot is on disk.
 *
 * @example
 * console.log(oneCDetails(record, '/var/lib/startup-help'))
 */
export function oneCDetails(record: StoredOneCReport, dataDir: string): string {
  const { report } = record
  const client = report.clientInfo
  const server = report.serverInfo
  const config = report.configInfo
  const session = report.sessionInfo
  const app = report.errorInfo.applicationErrorInfo
  const system = report.errorInfo.systemErrorInfo
  const errors = (app?.errors ?? [])
    .map(
      ([text, categories]) =>
        `${clean(text)}${categories?.length ? ` [${clean(categories.join(', '))}]` : ''}`,
    )
    .join('\n')
  const stack = (app?.stack ?? [])
    .map(([module, line, source]) => `${clean(module)}(${line ?? '?'}) ${oneLine(source, 100)}`)
    .join('\n')
  const files = record.attachments
    .map(
      (file) =>
        `${file.role}: ${clean(file.name)}, ${file.bytes} bytes, ${file.mediaType}\n${join(dataDir, ATTACHMENTS_DIR_NAME, file.key)}`,
    )
    .join('\n')
  return labelled([
    ['Reference', record.id],
    ['Received', record.receivedAt],
    ['Source', '1C:Enterprise error report'],
    ['Created', orDash(report.time)],
    ['App', orDash(record.app)],
    ['Configuration', `${orDash(config?.name)} ${clean(config?.version ?? '')}`.trim()],
    [
      'Client',
      `${orDash(client?.appName)} ${clean(client?.appVersion ?? '')} ${clean(client?.platformType ?? '')}`.trim(),
    ],
    ['OS', orDash(client?.systemInfo?.osVersion)],
    [
      'Server',
      `${orDash(server?.appVersion)} ${clean(server?.type ?? '')} ${clean(server?.dbms ?? '')}`.trim(),
    ],
    ['User', orDash(session?.userName)],
    [
      'Language',
      `${orDash(session?.platformInterfaceLanguageCode)}, locale ${orDash(session?.localeCode)}`,
    ],
    ['Errors', errors === '' ? '-' : errors],
    ['Stack', stack === '' ? '-' : stack],
    [
      'Stack hashes',
      `client ${orDash(system?.clientStackHash)}, server ${orDash(system?.serverStackHash)}, application ${orDash(app?.stackHash)}`,
    ],
    ['User wrote', orDash(report.errorInfo.userDescription)],
    ['Attachments', files === '' ? '-' : files],
    ['Other files', record.otherFiles.length ? clean(record.otherFiles.join(', ')) : '-'],
    ['Not kept', record.problems.length ? clean(record.problems.join('\n')) : '-'],
    [
      'Same error',
      `reported ${record.similarInLastHour} time(s) in the hour before (getInfo calls, duplicates)`,
    ],
    ['Client id', record.clientReportId],
  ])
}
