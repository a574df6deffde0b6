import type { ConsoleText } from './console-strings.js'

const partsFormat = new Map<string, Intl.DateTimeFormat>()

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormat.set(zone, format)
  }
  return format
}

/** The wall clock of `zone` at an instant, as numbers. */
function wallParts(ms: number, zone: string) {
  const parts: Record<string, number> = {}
  for (const part of formatIn(zone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
}

/**
 * Minutes `zone` is ahead of UTC at an instant (Moscow: 180).
 *
 * @example
 * zoneOffsetMinutes(Date.parse('2026-11-22T12:00:00Z'), 'Europe/Moscow') // 180
 */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const p = wallParts(ms, zone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * An instant as a `datetime-local` value in `zone` (`2026-11-22T15:00`).
 *
 * @example
 * toWallTime(Date.parse('2026-11-22T12:00:00Z'), 'Europe/Moscow') // '2026-11-22T15:00'
 */
export function toWallTime(ms: number, zone: string): string {
  const p = wallParts(ms, zone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/**
 * A `datetime-local` value read in `zone` as an ISO 8601 instant with that zone's offset, so the
 * status file says what the admin meant (`2026-11-22T15:00:00+03:00`); `null` if malformed.
 * A wall time skipped by a DST change moves forward by the gap, as clocks do.
 *
 * @example
 * fromWallTime('2026-11-22T15:00', 'Europe/Moscow') // '2026-11-22T15:00:00+03:00'
 */
export function fromWallTime(wall: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0))
  const guess = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0)
  if (Number.isNaN(guess) || (month ?? 0) > 12 || (day ?? 0) > 31) return null
  let ms = guess - zoneOffsetMinutes(guess, zone) * 60_000
  ms = guess - zoneOffsetMinutes(ms, zone) * 60_000
  return isoInZone(ms, zone)
}

/**
 * An instant as ISO 8601 with `zone`'s offset (`Z` for UTC).
 *
 * @example
 * isoInZone(Date.parse('2026-11-22T12:00:00Z'), 'UTC') // '2026-11-22T12:00:00Z'
 */
export function isoInZone(ms: number, zone: string): string {
  const offset = zoneOffsetMinutes(ms, zone)
  const p = wallParts(ms, zone)
  const millis = ms % 1000 === 0 ? '' : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`
  const wall = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${millis}`
  if (offset === 0) return `${wall}Z`
  const sign = offset > 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * "in 2 h 15 min" / "5 min ago", rounded to the minute.
 *
 * @example
 * relativeSpan(now + 8_100_000, now, t) // 'in 2 h 15 min'
 */
export function relativeSpan(ms: number, nowMs: number, t: ConsoleText): string {
  const minutes = Math.round(Math.abs(ms - nowMs) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const span =
    days > 0
      ? t('span_days', { d: days, h: hours })
      : hours > 0
        ? t('span_hours', { h: hours, m: minutes % 60 })
        : t('span_minutes', { m: minutes })
  return ms >= nowMs ? t('in_future', { span }) : t('in_past', { span })
}

/**
 * An instant for people: "22.11.2026, 15:00 (Europe/Moscow) · 12:00 UTC · in 2 h 15 min".
 *
 * @example
 * describeInstant(Date.parse('2026-11-22T12:00:00Z'), { zone: 'Europe/Moscow', lang: 'en', nowMs, t })
 */
export function describeInstant(
  ms: number,
  view: { zone: string; lang: string; nowMs: number; t: ConsoleText },
): string {
  const local = new Intl.DateTimeFormat(view.lang, {
    timeZone: view.zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms)
  const utc = new Intl.DateTimeFormat(view.lang, {
    timeZone: 'UTC',
    timeStyle: 'short',
  }).format(ms)
  const zonePart =
    view.zone === 'UTC'
      ? `${local} ${view.t('utc')}`
      : `${local} (${view.zone}) · ${utc} ${view.t('utc')}`
  return `${zonePart} · ${relativeSpan(ms, view.nowMs, view.t)}`
}
