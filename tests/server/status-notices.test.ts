import { afterEach, describe, expect, it } from 'vitest'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const MAINTENANCE = {
  id: 'db-upgrade',
  severity: 'maintenance',
  publishAt: '2026-11-22T09:00:00Z',
  startsAt: '2026-11-22T12:00:00Z',
  expires: '2026-11-22T14:00:00Z',
  title: { en: 'Database upgrade', ru: 'Обновление базы' },
  body: { en: 'CRM is read-only from 12:00 to 14:00.', ru: 'CRM только для чтения.' },
}
const OUTAGE = {
  id: 'mail-down',
  severity: 'outage',
  startsAt: '2026-11-22T10:00:00Z',
  expires: '2026-11-22T11:00:00Z',
  body: 'Mail is down',
}
const INFO = { id: 'new-menu', severity: 'info', title: 'New menu', body: 'The menu moved left' }

let fx: StatusFixture
afterEach(() => fx.cleanup())

async function answerAt(iso: string, query = '?lang=en') {
  fx.clock.now = Date.parse(iso)
  const res = await fx.app().request(`/v1/status${query}`)
  expect(res.status).toBe(200)
  return {
    status: (await res.json()) as ResolvedStatus,
    cacheControl: res.headers.get('cache-control'),
  }
}

describe('GET /v1/status with several notices', () => {
  it('shows nothing of a notice before its publish time, then lists it as upcoming', async () => {
    fx = statusFixture({ messages: [MAINTENANCE] })
    fx.store.start()
    const before = await answerAt('2026-11-22T08:59:59.999Z')
    expect(before.status.messages).toEqual([])
    expect(before.status.message).toBeNull()
    const published = await answerAt('2026-11-22T09:00:00Z')
    expect(published.status.messages).toEqual([
      {
        id: 'db-upgrade',
        severity: 'maintenance',
        state: 'upcoming',
        title: 'Database upgrade',
        body: 'CRM is read-only from 12:00 to 14:00.',
        startsAt: '2026-11-22T12:00:00Z',
        expires: '2026-11-22T14:00:00Z',
      },
    ])
    // Old workers read `message` and show it once its window opens on their own clock.
    expect(published.status.message).toEqual({
      text: 'Database upgrade\nCRM is read-only from 12:00 to 14:00.',
      severity: 'maintenance',
      startsAt: '2026-11-22T12:00:00Z',
      expires: '2026-11-22T14:00:00Z',
    })
  })

  it('lists active notices most severe first, then upcoming ones by start, in the asked language', async () => {
    fx = statusFixture({ messages: [INFO, MAINTENANCE, OUTAGE] })
    fx.store.start()
    const { status } = await answerAt('2026-11-22T10:30:00Z', '?lang=ru')
    expect(status.messages?.map((n) => [n.id, n.state])).toEqual([
      ['mail-down', 'active'],
      ['new-menu', 'active'],
      ['db-upgrade', 'upcoming'],
    ])
    expect(status.messages?.[2]?.title).toBe('Обновление базы')
    expect(status.message).toEqual({
      text: 'Mail is down',
      severity: 'outage',
      startsAt: '2026-11-22T10:00:00Z',
      expires: '2026-11-22T11:00:00Z',
    })
    const later = await answerAt('2026-11-22T12:30:00Z')
    expect(later.status.messages?.map((n) => [n.id, n.state])).toEqual([
      ['db-upgrade', 'active'],
      ['new-menu', 'active'],
    ])
    expect(later.status.message?.severity).toBe('maintenance')
  })

  it('puts the userMessage shorthand among the notices and ranks it by its severity', async () => {
    fx = statusFixture({
      userMessage: 'Slow today',
      severity: 'degraded',
      messages: [INFO, OUTAGE],
    })
    fx.store.start()
    const during = await answerAt('2026-11-22T10:30:00Z')
    expect(during.status.messages?.map((n) => n.id)).toEqual([
      'mail-down',
      'userMessage',
      'new-menu',
    ])
    const after = await answerAt('2026-11-22T11:30:00Z')
    expect(after.status.message?.text).toBe('Slow today')
  })

  it('adds an app’s own notices to the top-level ones and lets one replace a top-level id', async () => {
    fx = statusFixture({
      messages: [INFO, OUTAGE],
      apps: {
        crm: {
          messages: [{ id: 'new-menu', severity: 'info', body: 'CRM menu moved' }, MAINTENANCE],
        },
      },
    })
    fx.store.start()
    const crm = await answerAt('2026-11-22T10:30:00Z', '?app=crm&lang=en')
    expect(crm.status.messages?.map((n) => [n.id, n.body])).toEqual([
      ['mail-down', 'Mail is down'],
      ['new-menu', 'CRM menu moved'],
      ['db-upgrade', 'CRM is read-only from 12:00 to 14:00.'],
    ])
    const other = await answerAt('2026-11-22T10:30:00Z', '?app=wiki&lang=en')
    expect(other.status.messages?.map((n) => n.id)).toEqual(['mail-down', 'new-menu'])
  })

  it('answers an old userMessage-only file with the very message it always had', async () => {
    fx = statusFixture({
      userMessage: { en: 'Server upgrade in progress', ru: 'Идёт обновление сервера' },
      severity: 'maintenance',
      startsAt: '2026-11-22T12:00:00Z',
      expires: '2026-11-22T14:00:00Z',
    })
    fx.store.start()
    const { status, cacheControl } = await answerAt('2026-11-22T11:00:00Z')
    expect(status.message).toEqual({
      text: 'Server upgrade in progress',
      severity: 'maintenance',
      startsAt: '2026-11-22T12:00:00Z',
      expires: '2026-11-22T14:00:00Z',
    })
    expect(status.messages).toEqual([
      {
        id: 'userMessage',
        severity: 'maintenance',
        state: 'upcoming',
        title: null,
        body: 'Server upgrade in progress',
        startsAt: '2026-11-22T12:00:00Z',
        expires: '2026-11-22T14:00:00Z',
      },
    ])
    expect(cacheControl).toBe('public, max-age=60')
  })

  it('never lets a cache keep an answer past the next publish, start or end of any notice', async () => {
    fx = statusFixture({ messages: [OUTAGE, MAINTENANCE] }, Date.parse('2026-11-22T08:00:00Z'))
    fx.store.start()
    // 20 s before MAINTENANCE is published.
    expect((await answerAt('2026-11-22T08:59:40Z')).cacheControl).toBe('public, max-age=20')
    // 10 s before OUTAGE starts.
    expect((await answerAt('2026-11-22T09:59:50Z')).cacheControl).toBe('public, max-age=10')
    // 5 s before OUTAGE ends.
    expect((await answerAt('2026-11-22T10:59:55Z')).cacheControl).toBe('public, max-age=5')
    // 30 s before MAINTENANCE starts, 30 s before it ends, then nothing scheduled.
    expect((await answerAt('2026-11-22T11:59:30Z')).cacheControl).toBe('public, max-age=30')
    expect((await answerAt('2026-11-22T13:59:30Z')).cacheControl).toBe('public, max-age=30')
    expect((await answerAt('2026-11-22T14:00:00Z')).cacheControl).toBe('public, max-age=60')
  })

  it('changes the ETag when a notice is published, so a revalidating client gets it', async () => {
    fx = statusFixture({ messages: [MAINTENANCE] })
    fx.store.start()
    fx.clock.now = Date.parse('2026-11-22T08:59:00Z')
    const first = await fx.app().request('/v1/status?lang=en')
    const etag = first.headers.get('etag') ?? ''
    fx.clock.now = Date.parse('2026-11-22T09:00:00Z')
    const again = await fx.app().request('/v1/status?lang=en', {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(200)
    expect(((await again.json()) as ResolvedStatus).messages?.[0]?.id).toBe('db-upgrade')
  })
})
