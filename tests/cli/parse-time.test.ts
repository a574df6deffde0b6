import { describe, expect, it } from 'vitest'
import { formatLocalIso, parseTime } from '../../server/cli/parse-time.js'

const now = new Date('2026-11-22T10:00:00')

describe('CLI time parsing', () => {
  it('reads HH:MM as today, local time', () => {
    const at = parseTime('14:05', now)
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual(
      [2026, 10, 22, 14, 5],
    )
  })

  it('reads durations from now', () => {
    expect(parseTime('30m', now).getTime() - now.getTime()).toBe(30 * 60_000)
    expect(parseTime('2h', now).getTime() - now.getTime()).toBe(2 * 3_600_000)
    expect(parseTime('1h30m', now).getTime() - now.getTime()).toBe(90 * 60_000)
    expect(parseTime('1d', now).getTime() - now.getTime()).toBe(86_400_000)
  })

  it('reads ISO 8601 with a zone exactly and without one as local time', () => {
    expect(parseTime('2026-11-22T14:00:00+03:00', now).toISOString()).toBe(
      '2026-11-22T11:00:00.000Z',
    )
    expect(parseTime('2026-11-22T14:00', now).getTime()).toBe(
      new Date(2026, 10, 22, 14, 0).getTime(),
    )
  })

  it('refuses what it cannot read, saying what it expects', () => {
    for (const bad of ['tomorrow', '25:00', '0m', '2x', '']) {
      expect(() => parseTime(bad, now)).toThrow(/HH:MM|zero duration/)
    }
  })

  it('formats local time with its offset so the instant is exact', () => {
    const date = new Date('2026-11-22T11:00:00Z')
    expect(Date.parse(formatLocalIso(date))).toBe(date.getTime())
    expect(formatLocalIso(date)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
  })
})
