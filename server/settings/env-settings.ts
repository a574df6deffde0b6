/** Readers of STARTUP_HELP_* variables that collect every problem, so one start shows them all. */

/**
 * A whole number from `min` to `max`, or `fallback` when unset; a bad value adds a problem naming `name`.
 *
 * @example
 * const problems: string[] = []
 * readWholeNumber('STARTUP_HELP_REPORTS_PER_MINUTE', '20', 20, 0, 1_000_000, problems) // 20
 */
export function readWholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined || raw.trim() === '') return fallback
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  if (value >= min && value <= max) return value
  problems.push(`${name}: "${raw}" must be a whole number from ${min} to ${max}`)
  return fallback
}

/**
 * on/off (1, true, yes, on / 0, false, no, off); unset is off; anything else adds a problem naming `name`.
 *
 * @example
 * const problems: string[] = []
 * readFlag('STARTUP_HELP_TRUST_PROXY', 'on', problems) // true
 */
export function readFlag(name: string, raw: string | undefined, problems: string[]): boolean {
  const value = (raw ?? '').trim().toLowerCase()
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false
  if (['1', 'true', 'yes', 'on'].includes(value)) return true
  problems.push(`${name}: "${raw}" must be true or false`)
  return false
}
