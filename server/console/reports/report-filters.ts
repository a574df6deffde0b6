import { parseReportQuery, type ReportKind, type ReportQuery } from '../../storage/report-query.js'
import type { ConsoleLanguage, ConsoleText } from '../ui/console-strings.js'
import { problemInLanguage } from '../ui/problem-words.js'
import { fromWallTime } from '../ui/zoned-time.js'

/** The filter form as the admin typed it (GET parameters, all text): what the form shows again. */
export interface ReportFilterForm {
  app: string
  /** `datetime-local` values, read in the admin's time zone. */
  from: string
  until: string
  kind: string
  q: string
  /** `open`, `handled` or `all` (the default: a handled report does not vanish from view). */
  state: string
}

export const FILTER_NAMES = ['app', 'from', 'until', 'kind', 'q', 'state'] as const

/** Problems by form field name (`from`, `kind`…), shown inline at the field. */
export type FilterErrors = Partial<Record<(typeof FILTER_NAMES)[number] | 'cursor', string>>

export type ReadFilters =
  | { ok: true; form: ReportFilterForm; query: ReportQuery }
  | { ok: false; form: ReportFilterForm; errors: FilterErrors }

/**
 * The filter form of a request's query string (missing fields are empty).
 *
 * @example
 * filterForm((name) => c.req.query(name)) // { app: 'crm', from: '', until: '', kind: '1c', q: '', state: 'all' }
 */
export function filterForm(read: (name: string) => string | undefined): ReportFilterForm {
  const text = (name: string) => (read(name) ?? '').trim()
  return {
    app: text('app'),
    from: text('from'),
    until: text('until'),
    kind: text('kind'),
    q: text('q'),
    state: text('state') || 'all',
  }
}

/**
 * Validates the form into a store query: times read in `zone`, everything else by
 * `parseReportQuery`, so the console filters exactly as `GET /v1/reports` does. Problems are
 * named by the form's field, not the API's parameter (`since` → `from`, `handled` → `state`).
 *
 * @example
 * readFilters(filterForm((n) => c.req.query(n)), { zone: 'Europe/Moscow', t, limit: 50, cursor: null })
 * // { ok: true, form, query: { app: null, sinceMs: …, kind: null, … } }
 */
export function readFilters(
  form: ReportFilterForm,
  options: {
    zone: string
    t: ConsoleText
    lang?: ConsoleLanguage
    limit: number
    cursor: string | null
  },
): ReadFilters {
  const { t, zone } = options
  const errors: FilterErrors = {}
  const instant = (name: 'from' | 'until') => {
    if (form[name] === '') return undefined
    const iso = fromWallTime(form[name], zone)
    if (iso === null) errors[name] = t('bad_time')
    return iso ?? undefined
  }
  const since = instant('from')
  const until = instant('until')
  const state = form.state === 'all' ? '' : form.state
  if (!['', 'open', 'handled'].includes(state)) errors.state = t('bad_state')
  if (Object.keys(errors).length > 0) return { ok: false, form, errors }
  const parsed = parseReportQuery({
    app: form.app,
    since,
    until,
    kind: form.kind,
    q: form.q,
    handled: state,
    limit: String(options.limit),
    cursor: options.cursor ?? undefined,
  })
  if (parsed.ok) return { ok: true, form, query: parsed.query }
  const field = FIELD_OF_PARAMETER[parsed.field] ?? 'cursor'
  const message =
    parsed.field === 'until' && since !== undefined && until !== undefined
      ? t('until_before_from')
      : problemInLanguage(parsed.message, options.lang ?? 'en')
  return { ok: false, form, errors: { [field]: message } }
}

const FIELD_OF_PARAMETER: Record<string, keyof FilterErrors> = {
  since: 'from',
  until: 'until',
  kind: 'kind',
  q: 'q',
  handled: 'state',
  cursor: 'cursor',
}

/**
 * The query string of a form (only the fields that are set), plus extra parameters: the links
 * to older reports and to the exports keep the filters this way.
 *
 * @example
 * filterQuery({ app: 'crm', from: '', until: '', kind: '', q: '', state: 'all' }, { cursor: 'SH-7K3M9Q' })
 * // '?app=crm&cursor=SH-7K3M9Q'
 */
export function filterQuery(form: ReportFilterForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const name of FILTER_NAMES) {
    const value = form[name]
    if (value !== '' && !(name === 'state' && value === 'all')) params.set(name, value)
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

/** The kinds of the failure select, in the order support thinks of them. */
export const KIND_CHOICES: readonly ('' | ReportKind)[] = [
  '',
  'offline',
  'unreachable',
  'timeout',
  'http-error',
  '1c',
]
