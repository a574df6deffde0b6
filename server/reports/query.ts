/** What an admin may ask of the stored reports: the filters of `GET /v1/reports` and the CLI. */
export interface ReportQuery {
  app: string | null
  /** Epoch ms; only reports received at or after it. */
  sinceMs: number | null
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

/**
 * Validates list filters as they arrive (query string or CLI flags), naming the bad one.
 *
 * @example
 * parseReportQuery({ app: 'crm', since: '2026-11-22T00:00:00Z', limit: '20' })
 * // { ok: true, query: { app: 'crm', sinceMs: 1795305600000, limit: 20 } }
 */
export function parseReportQuery(input: {
  app?: string | undefined
  since?: string | undefined
  limit?: string | undefined
  cursor?: string | undefined
}): QueryResult {
  let sinceMs: number | null = null
  if (input.since !== undefined && input.since !== '') {
    // Date.parse accepts dates without a zone as local time; an instant must not depend on that.
    const zoned = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(input.since)
    sinceMs = zoned ? Date.parse(input.since) : Number.NaN
    if (Number.isNaN(sinceMs)) {
      return {
        ok: false,
        field: 'since',
        message:
          'must be an ISO 8601 date (2026-11-22) or date-time with a zone (2026-11-22T14:00:00Z)',
      }
    }
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
  return { ok: true, query: { app, sinceMs, limit, cursor } }
}

/**
 * Picks the items a query asks for, newest first. Items are in arrival order (the file's order).
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
