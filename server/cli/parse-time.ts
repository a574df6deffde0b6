/** Durations admins type: `90s`, `30m`, `2h`, `1d`, `1h30m`. */
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/

/**
 * Parses a time as the CLI accepts it: ISO 8601 (a missing zone means local time), `HH:MM` (today,
 * local) or a duration from now. Throws a message that says what was expected.
 *
 * @example
 * parseTime('14:00', new Date('2026-11-22T10:00:00'))  // today 14:00 local
 * parseTime('2h', new Date('2026-11-22T10:00:00Z'))    // 2026-11-22T12:00:00Z
 */
export function parseTime(input: string, now: Date): Date {
  const text = input.trim()
  const clock = CLOCK.exec(text)
  if (clock) {
    const at = new Date(now)
    at.setHours(Number(clock[1]), Number(clock[2]), 0, 0)
    return at
  }
  const duration = DURATION.exec(text)
  if (duration && text !== '' && /\d/.test(text)) {
    const [, d, h, m, s] = duration.map((part) => Number(part ?? 0))
    const ms = (((d ?? 0) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000
    if (ms === 0) throw new Error(`"${input}" is a zero duration`)
    return new Date(now.getTime() + ms)
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    // Date.parse reads a date-time without a zone as local time, which is what an admin means;
    // a bare date would be read as UTC midnight, so make it local midnight too.
    const ms = Date.parse(text.length === 10 ? `${text}T00:00` : text)
    if (!Number.isNaN(ms)) return new Date(ms)
  }
  throw new Error(
    `cannot read the time "${input}": use HH:MM (today), a duration like 30m, 2h or 1h30m, or ISO 8601 like 2026-11-22T14:00+03:00`,
  )
}

/**
 * ISO 8601 in the machine's local zone with its offset (`2026-11-22T14:00:00+03:00`): what an admin
 * reading the file expects, and still an exact instant.
 *
 * @example
 * formatLocalIso(new Date('2026-11-22T11:00:00Z')) // '2026-11-22T14:00:00+03:00' on a Moscow machine
 */
export function formatLocalIso(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  )
}
