/** How much status history is kept: both bounds hold, and the newest version always stays. */
export interface HistoryLimits {
  /** Versions kept at most. Default 100 (a status file is a few KB: about 1 MB in all). */
  versions: number
  /** Versions older than this are removed. Default 90. */
  days: number
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { versions: 100, days: 90 }

function readBound(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  if (value >= 1 && value <= 100_000) return value
  throw new Error(`${name}: "${raw}" must be a whole number from 1 to 100000`)
}

/**
 * STARTUP_HELP_HISTORY_VERSIONS and STARTUP_HELP_HISTORY_DAYS, or the defaults; throws naming a
 * bad variable.
 *
 * @example
 * readHistoryLimits(process.env) // { versions: 100, days: 90 }
 */
export function readHistoryLimits(env: Record<string, string | undefined>): HistoryLimits {
  return {
    versions: readBound(
      'STARTUP_HELP_HISTORY_VERSIONS',
      env.STARTUP_HELP_HISTORY_VERSIONS,
      DEFAULT_HISTORY_LIMITS.versions,
    ),
    days: readBound(
      'STARTUP_HELP_HISTORY_DAYS',
      env.STARTUP_HELP_HISTORY_DAYS,
      DEFAULT_HISTORY_LIMITS.days,
    ),
  }
}
