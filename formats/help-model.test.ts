import { describe, expect, it } from 'vitest'
import type { KnownStatus } from './help-model.js'
import { visibleMessage, visibleNotices } from './help-model.js'
import type { ResolvedStatus } from './resolved-status.js'

const SERVER_NOW = Date.parse('2026-11-22T10:00:00Z')
/** The device clock runs 5 minutes behind the server's. */
const DEVICE_SKEW = -300_000

function known(status: Partial<ResolvedStatus>): KnownStatus {
  return {
    receivedAt: new Date(SERVER_NOW + DEVICE_SKEW).toISOString(),
    status: {
      app: 'crm',
      lang: 'en',
      helpText: null,
      helpUrl: null,
      supportEmail: null,
      message: null,
      retryAfterSeconds: null,
      disableServiceWorker: false,
      serverTime: new Date(SERVER_NOW).toISOString(),
      updatedAt: new Date(SERVER_NOW).toISOString(),
      ...status,
    },
  }
}

const upcoming = {
  id: 'db',
  severity: 'maintenance' as const,
  state: 'upcoming' as const,
  title: 'Database upgrade',
  body: 'Read-only',
  startsAt: '2026-11-22T11:00:00Z',
  expires: '2026-11-22T12:00:00Z',
}
const info = {
  id: 'menu',
  severity: 'info' as const,
  state: 'active' as const,
  title: null,
  body: 'The menu moved',
  startsAt: null,
  expires: null,
}

describe('the notices a browser shows from the last known status', () => {
  it('turns an upcoming notice active at its start on the server clock, without a new answer', () => {
    const status = known({ messages: [info, upcoming] })
    const deviceAt = (serverIso: string) => Date.parse(serverIso) + DEVICE_SKEW
    expect(
      visibleNotices(status, deviceAt('2026-11-22T10:59:59Z')).map((n) => [n.id, n.state]),
    ).toEqual([
      ['menu', 'active'],
      ['db', 'upcoming'],
    ])
    expect(
      visibleNotices(status, deviceAt('2026-11-22T11:00:00Z')).map((n) => [n.id, n.state]),
    ).toEqual([
      ['db', 'active'],
      ['menu', 'active'],
    ])
    expect(visibleMessage(status, deviceAt('2026-11-22T11:30:00Z'))?.text).toBe(
      'Database upgrade\nRead-only',
    )
    expect(visibleNotices(status, deviceAt('2026-11-22T12:00:00Z')).map((n) => n.id)).toEqual([
      'menu',
    ])
  })

  it('reads a status kept before answers had messages from its single message', () => {
    const status = known({
      message: { text: 'Old style', severity: 'outage', startsAt: null, expires: null },
    })
    expect(visibleNotices(status, SERVER_NOW)).toEqual([
      {
        id: 'userMessage',
        severity: 'outage',
        state: 'active',
        title: null,
        body: 'Old style',
        startsAt: null,
        expires: null,
      },
    ])
    expect(visibleMessage(status, SERVER_NOW)?.text).toBe('Old style')
  })

  it('has no visible message while every notice is still to come', () => {
    expect(visibleMessage(known({ messages: [upcoming] }), SERVER_NOW)).toBeNull()
  })
})
