import type { ConsoleRequest } from '../console-context.js'
import type { ConsoleStringKey } from '../ui/console-strings.js'
import { type Html, html } from '../ui/html.js'

/** One row of a definition list; rows without a value are left out. */
export type Row = readonly [ConsoleStringKey, string | number | null | undefined]

/**
 * A `<dl>` of label/value pairs, skipping empty values (a report has only the fields it has).
 *
 * @example
 * fieldList(request, [['field_method', 'GET'], ['field_status', null]]) // one row
 */
export function fieldList(request: ConsoleRequest, rows: readonly Row[]): Html {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
  if (shown.length === 0) return html``
  return html`<dl class="facts">${shown.map(
    ([key, value]) => html`<dt>${request.t(key)}</dt><dd>${value}</dd>`,
  )}</dl>`
}

/**
 * A section with an h2 named by a string key, labelled by it.
 *
 * @example
 * section(request, 'section_user', html`<p>…</p>`)
 */
export function section(request: ConsoleRequest, key: ConsoleStringKey, body: Html): Html {
  return html`<section aria-labelledby="${key}" class="report-section">
<h2 id="${key}">${request.t(key)}</h2>
${body}
</section>`
}
