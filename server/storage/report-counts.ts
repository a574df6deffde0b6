import { parseInstant, REPORT_KINDS, type ReportKind } from './report-query.js'

/** A chart of more than 1,000 bars is unreadable, and the answer stays a few KB. */
export const MAX_BUCKETS = 1000

/** Which reports a chart counts: received in [sinceMs, untilMs), of one app and kind if given. */
export interface CountQuery {
  app: string | null
  sinceMs: number
  untilMs: number
  kind: ReportKind | null
}

/** One bar of the chart: reports received from `startMs` for one bucket's length. */
export interface CountBucket {
  startMs: number
  count: number
}

/** A count the stores refuse (too many buckets, an empty range); `field` names the culprit. */
export class CountRangeError extends RangeError {
  override name = 'CountRangeError'
  constructor(
    readonly field: 'bucket' | 'until',
    message: string,
  ) {
    super(message)
  }
}

/**
 * The buckets of a count: starts aligned to multiples of `bucketMs` since the epoch (so days
 * are UTC days), the first one holding `sinceMs`, the last one starting before `untilMs`.
 * Reports outside [sinceMs, untilMs) are not counted, so the edge buckets may cover less.
 *
 * @throws CountRangeError when untilMs is not after sinceMs, bucketMs is not a positive whole
 *   number, or there would be more than MAX_BUCKETS buckets
 * @example
 * planBuckets({ app: null, sinceMs: 5_400_000, untilMs: 10_800_000, kind: null }, 3_600_000)
 * // { firstMs: 3_600_000, count: 2 }
 */
export function planBuckets(
  query: CountQuery,
  bucketMs: number,
): { firstMs: number; count: number } {
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) {
    throw new CountRangeError('bucket', 'must be a positive whole number')
  }
  if (!(query.untilMs > query.sinceMs))
    throw new CountRangeError('until', 'must be later than since')
  const firstMs = Math.floor(query.sinceMs / bucketMs) * bucketMs
  const count = Math.ceil((query.untilMs - firstMs) / bucketMs)
  if (count > MAX_BUCKETS) {
    throw new CountRangeError(
      'bucket',
      `gives ${count} buckets from since to until; at most ${MAX_BUCKETS}: use a longer bucket or a shorter range`,
    )
  }
  return { firstMs, count }
}

/**
 * Every bucket of the plan with its count, zeros included, from counts keyed by bucket start.
 *
 * @example
 * fillBuckets({ firstMs: 0, count: 3 }, 60_000, new Map([[60_000, 4]]))
 * // [{ startMs: 0, count: 0 }, { startMs: 60000, count: 4 }, { startMs: 120000, count: 0 }]
 */
export function fillBuckets(
  plan: { firstMs: number; count: number },
  bucketMs: number,
  counts: ReadonlyMap<number, number>,
): CountBucket[] {
  return Array.from({ length: plan.count }, (_, index) => {
    const startMs = plan.firstMs + index * bucketMs
    return { startMs, count: counts.get(startMs) ?? 0 }
  })
}

export type CountQueryResult =
  | { ok: true; query: CountQuery; bucketMs: number }
  | { ok: false; field: string; message: string }

/**
 * Validates `GET /v1/reports/counts` parameters (`bucket` in seconds), naming the bad one.
 *
 * @example
 * parseCountQuery({ since: '2026-11-22', until: '2026-11-23', bucket: '3600' })
 * // { ok: true, query: { app: null, sinceMs: 1795305600000, untilMs: 1795392000000, kind: null }, bucketMs: 3600000 }
 */
export function parseCountQuery(input: {
  app?: string | undefined
  since?: string | undefined
  until?: string | undefined
  bucket?: string | undefined
  kind?: string | undefined
}): CountQueryResult {
  const instant = 'an ISO 8601 date (2026-11-22) or date-time with a zone (2026-11-22T14:00:00Z)'
  const sinceMs = parseInstant(input.since)
  if (sinceMs === null || Number.isNaN(sinceMs)) {
    return { ok: false, field: 'since', message: `is required: ${instant}` }
  }
  const untilMs = parseInstant(input.until)
  if (untilMs === null || Number.isNaN(untilMs)) {
    return { ok: false, field: 'until', message: `is required: ${instant}` }
  }
  const bucket = input.bucket ?? '3600'
  if (!/^\d{1,10}$/.test(bucket) || Number(bucket) < 1) {
    return { ok: false, field: 'bucket', message: 'must be a whole number of seconds, at least 1' }
  }
  const kind = input.kind === undefined || input.kind === '' ? null : input.kind
  if (kind !== null && !(REPORT_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, field: 'kind', message: `must be one of ${REPORT_KINDS.join(', ')}` }
  }
  const app = input.app === undefined || input.app === '' ? null : input.app
  const query: CountQuery = { app, sinceMs, untilMs, kind: kind as ReportKind | null }
  const bucketMs = Number(bucket) * 1000
  try {
    planBuckets(query, bucketMs)
  } catch (error) {
    if (error instanceof CountRangeError) {
      return { ok: false, field: error.field, message: error.message }
    }
    throw error
  }
  return { ok: true, query, bucketMs }
}
