import type { StoredOneCReport } from '../../../formats/report.js'
import type { ConsoleRequest } from '../console-context.js'
import { type Html, html } from '../ui/html.js'
import { fieldList, section } from './report-sections.js'

/**
 * The sections of a 1C:Enterprise report: what failed (its errors and stacks), what the user
 * wrote, the client and configuration, and the files it came with (downloads through the
 * console, which checks the session). Stacks are long, so they sit in closed `<details>`.
 *
 * @example
 * html`${oneCSections(request, report, (iso) => iso)}`
 */
export function oneCSections(
  request: ConsoleRequest,
  record: StoredOneCReport,
  when: (iso: string | null | undefined) => string | null,
): Html {
  const { t, base } = request
  const { report } = record
  const errors = report.errorInfo.applicationErrorInfo?.errors ?? []
  const frames = report.errorInfo.applicationErrorInfo?.stack ?? []
  const system = report.errorInfo.systemErrorInfo
  const details = (label: string, text: string | null | undefined) =>
    text ? html`<details><summary>${label}</summary><pre>${text}</pre></details>` : ''
  const stackText = frames
    .map(
      ([module, line, source]) =>
        `${module}${line === undefined ? '' : `(${line})`}: ${source ?? ''}`,
    )
    .join('\n')
  const failure = html`${fieldList(request, [
    ['field_kind', t('kind_1c')],
    ['field_received', when(record.receivedAt)],
    ['onec_report_time', report.time],
    ['onec_report_id', report.id],
    ['onec_similar', record.similarInLastHour],
  ])}
${
  errors.length > 0
    ? html`<h3>${t('onec_errors')}</h3><ul class="onec-errors">${errors.map(
        ([text, categories]) =>
          html`<li><pre>${text}</pre>${categories && categories.length > 0 ? html`<p class="hint">${categories.join(', ')}</p>` : ''}</li>`,
      )}</ul>`
    : ''
}
${details(t('onec_stack'), stackText)}
${details(t('onec_client_stack'), system?.clientStack)}
${details(t('onec_server_stack'), system?.serverStack)}`
  const description = report.errorInfo.userDescription
  const client = report.clientInfo
  const config = report.configInfo
  const files = html`${
    record.attachments.length === 0
      ? html`<p>${t('no_attachments')}</p>`
      : html`<ul>${record.attachments.map(
          (file) =>
            html`<li><a href="${base}/reports/${record.id}/attachments/${file.key}" download="${file.name}">${t('download', { name: file.name, bytes: file.bytes })}</a></li>`,
        )}</ul>`
  }
${record.otherFiles.length > 0 ? html`<h3>${t('onec_other_files')}</h3><ul>${record.otherFiles.map((name) => html`<li>${name}</li>`)}</ul>` : ''}
${record.problems.length > 0 ? html`<h3>${t('onec_problems')}</h3><ul>${record.problems.map((line) => html`<li>${line}</li>`)}</ul>` : ''}`
  return html`${section(request, 'section_failure', failure)}
${section(
  request,
  'section_user',
  description ? html`<p class="comment">${description}</p>` : html`<p>${t('no_comment')}</p>`,
)}
${section(
  request,
  'section_browser',
  fieldList(request, [
    ['field_app', record.app ?? t('none')],
    ['onec_user', report.sessionInfo?.userName],
    ['onec_config', config?.name],
    ['onec_config_version', config?.version],
    ['onec_platform', client?.platformType],
    ['onec_app_version', client?.appVersion],
    ['onec_os', client?.systemInfo?.osVersion],
    ['field_language', report.sessionInfo?.platformInterfaceLanguageCode],
  ]),
)}
${section(request, 'section_attachments', files)}`
}
