import { FAILURE_KINDS, type FailureKind } from '../../formats/report.js'

/** What a report is about: its browser failure's kind, or `1c` for a 1C:Enterprise report. */
export type ReportKind = FailureKind | '1c'
export const REPORT_KINDS: readonly ReportKind[] = [...FAILURE_KINDS, '1c']

/** `open`: not marked handled; `handled`: marked. */
export type HandledFilter = 'open' | 'handled'
export const HANDLED_FILTERS: readonly HandledFilter[] = ['open', 'handled']

/** Longest text search: a comment is at most 2,000 characters; a search is a few words. */
export const MAX_TEXT_QUERY = 200

/**
 * What an admin may ask of the stored reports: the filters of `GET /v1/reports` and the CLI.
 * A filter left out (or null) does not filter.
 */
export interface ReportQuery {
  app: string | null
  /** Epoch ms; only reports received at or after it. */
  sinceMs: number | null
  /** Epoch ms; only reports received before it. */
  untilMs?: number | null
  /** Only browser reports whose failure has this kind, or (`1c`) only 1C reports. */
  kind?: ReportKind | null
  /**
   * Case-insensitive substring of the user's comment (a 1C report's error description) or of
   * the reference; at most MAX_TEXT_QUERY characters.
   */
  text?: string | null
  /** Only open or only handled reports. */
  handled?: HandledFilter | null
  limit: number
  /** Reference of the last report of the previous page: the page starts after it. */
  cursor?: string | null
}

export const DEFAULT_LIST_LIMIT = 50
/** A page of 500 full reports is about 1 MB of JSON; more belongs in an export, not a list call. */
export const MAX_LIST_LIMIT = 500

export type QueryResult =
  | { ok: true; query: ReportQuery }
  | { ok: false; field: string; message: string }

/** The filters as they arrive: query string parameters or CLI flags, all text. */
export interface ReportQueryInput {
  app?: string | undefined
  since?: string | undefined
  until?: string | undefined
  kind?: string | undefined
  q?: string | undefined
  handled?: string | undefined
  limit?: string | undefined
  cursor?: string | undefined
}

const INSTANT_MESSAGE =
  'must be an ISO 8601 date (2026-11-22) or date-time with a zone (2026-11-22T14:00:00Z)'

/**
 * Epoch ms of an ISO 8601 date or zoned date-time; null when absent, NaN when malformed.
 *
 * @example
 * parseInstant('2026-11-22') // 1795305600000
 */
export function parseInstant(value: string | undefined): number | null {
  if (value === undefined || value === '') return null
  // Date.parse accepts dates without a zone as local time; an instant must not depend on that.
  const zoned = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(value)
  return zoned ? Date.parse(value) : Number.NaN
}

/**
 * Validates list filters as they arrive (query string or CLI flags), naming the bad one.
 *
 * @example
 * parseReportQuery({ app: 'crm', since: '2026-11-22T00:00:00Z', kind: '1c', q: 'печать', limit: '20' })
 * // { ok: true, query: { app: 'crm', sinceMs: 1795305600000, untilMs: null, kind: '1c', text: 'печать', handled: null, limit: 20, cursor: null } }
 */
export function parseReportQuery(input: ReportQueryInput): QueryResult {
  const sinceMs = parseInstant(input.since)
  if (Number.isNaN(sinceMs)) return { ok: false, field: 'since', message: INSTANT_MESSAGE }
  const untilMs = parseInstant(input.until)
  if (Number.isNaN(untilMs)) return { ok: false, field: 'until', message: INSTANT_MESSAGE }
  if (sinceMs !== null && untilMs !== null && untilMs <= sinceMs) {
    return { ok: false, field: 'until', message: 'must be later than since' }
  }
  const kind = input.kind === undefined || input.kind === '' ? null : input.kind
  if (kind !== null && !(REPORT_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, field: 'kind', message: `must be one of ${REPORT_KINDS.join(', ')}` }
  }
  const text = input.q === undefined || input.q.trim() === '' ? null : input.q.trim()
  if (text !== null && text.length > MAX_TEXT_QUERY) {
    return { ok: false, field: 'q', message: `must be at most ${MAX_TEXT_QUERY} characters` }
  }
  const handled = input.handled === undefined || input.handled === '' ? null : input.handled
  if (handled !== null && !(HANDLED_FILTERS as readonly string[]).includes(handled)) {
    return { ok: false, field: 'handled', message: `must be one of ${HANDLED_FILTERS.join(', ')}` }
  }
  let limit = DEFAULT_LIST_LIMIT
  if (input.limit !== undefined && input.limit !== '') {
    limit = /^\d+$/.test(input.limit) ? Number(input.limit) : Number.NaN
    if (!(limit >= 1 && limit <= MAX_LIST_LIMIT)) {
      return {
        ok: false,
        field: 'limit',
        message: `must be a whole number from 1 to ${MAX_LIST_LIMIT}`,
      }
    }
  }
  const app = input.app === undefined || input.app === '' ? null : input.app
  let cursor: string | null = null
  if (input.cursor !== undefined && input.cursor !== '') {
    if (!/^SH-[0-9A-Z]{6}$/.test(input.cursor)) {
      return { ok: false, field: 'cursor', message: 'must be the nextCursor of the previous page' }
    }
    cursor = input.cursor
  }
  return {
    ok: true,
    query: {
      app,
      sinceMs,
      untilMs,
      kind: kind as ReportKind | null,
      text,
      handled: handled as HandledFilter | null,
      limit,
      cursor,
    },
  }
}

/**
 * Picks the items a query asks for (app, since, until: what every item knows), newest first.
 * Items are in arrival order (the file's order).
 *
 * @example
 * selectNewestFirst(entries, { app: 'crm', sinceMs: null, limit: 50 })
 */
export function selectNewestFirst<T extends { app: string | null; receivedAtMs: number }>(
  items: readonly T[],
  query: ReportQuery,
): T[] {
  const picked: T[] = []
  for (let index = items.length - 1; index >= 0 && picked.length < query.limit; index -= 1) {
    const item = items[index] as T
    if (query.app !== null && item.app !== query.app) continue
    if (query.sinceMs !== null && item.receivedAtMs < query.sinceMs) continue
    if (query.untilMs != null && item.receivedAtMs >= query.untilMs) continue
    picked.push(item)
  }
  return picked
}

export type PageResult<T> =
  | { ok: true; items: T[]; nextCursor: string | null }
  | { ok: false; field: 'cursor'; message: string }

/**
 * One page of `selectNewestFirst`: starts after `query.cursor` (the last report of the previous
 * page) and says where the next page starts (`nextCursor`, null on the last page), so any number
 * of reports can be listed `limit` at a time.
 *
 * @example
 * const page = selectPage(entries, { app: null, sinceMs: null, limit: 50, cursor: 'SH-7K3M9Q' })
 * // { ok: true, items: […], nextCursor: 'SH-2B4C6D' }
 */
export function selectPage<T extends { id: string; app: string | null; receivedAtMs: number }>(
  items: readonly T[],
  query: ReportQuery,
): PageResult<T> {
  let end = items.length
  if (query.cursor) {
    let at = items.length - 1
    while (at >= 0 && items[at]?.id !== query.cursor) at -= 1
    if (at < 0) {
      return {
        ok: false,
        field: 'cursor',
        message: `${query.cursor} is no longer stored (past retention?); list again from the start`,
      }
    }
    end = at
  }
  // One more than asked: tells whether a next page exists without a second pass.
  const picked = selectNewestFirst(items.slice(0, end), { ...query, limit: query.limit + 1 })
  const page = picked.slice(0, query.limit)
  const last = page.at(-1)
  return {
    ok: true,
    items: page,
    nextCursor: picked.length > query.limit && last ? last.id : null,
  }
}
