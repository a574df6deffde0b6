import { afterEach, describe, expect, it } from 'vitest'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const WINDOW = {
  userMessage: { en: 'Server upgrade in progress', ru: 'Идёт обновление сервера' },
  severity: 'maintenance',
  startsAt: '2026-11-22T12:00:00Z',
  expires: '2026-11-22T14:00:00Z',
  helpText: { en: 'Call the duty admin', ru: 'Позвоните дежурному' },
  helpUrl: 'https://wiki.example.com/help',
  apps: {
    crm: {
      userMessage: 'CRM only: database restore',
      expires: '2026-11-22T15:00:00Z',
      helpUrl: 'https://wiki.example.com/crm',
    },
  },
}

let fx: StatusFixture
afterEach(() => fx.cleanup())

async function statusAt(iso: string, query = ''): Promise<ResolvedStatus> {
  fx.clock.now = Date.parse(iso)
  const res = await fx.app().request(`/v1/status${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as ResolvedStatus
}

describe('GET /v1/status resolution', () => {
  it('serves an upcoming message with its window so a browser can show it later', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    const status = await statusAt('2026-11-22T09:00:00Z', '?lang=en')
    expect(status.message).toEqual({
      text: 'Server upgrade in progress',
      severity: 'maintenance',
      startsAt: '2026-11-22T12:00:00Z',
      expires: '2026-11-22T14:00:00Z',
    })
    expect(status.serverTime).toBe('2026-11-22T09:00:00.000Z')
  })

  it('keeps the message until the instant before expiry and drops it at the exact expiry', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    expect((await statusAt('2026-11-22T12:00:00.000Z', '?lang=en')).message?.text).toBe(
      'Server upgrade in progress',
    )
    expect((await statusAt('2026-11-22T13:59:59.999Z', '?lang=en')).message?.text).toBe(
      'Server upgrade in progress',
    )
    expect((await statusAt('2026-11-22T14:00:00.000Z', '?lang=en')).message).toBeNull()
  })

  it('applies an app override field by field and keeps the top level for the rest', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    const crm = await statusAt('2026-11-22T14:30:00Z', '?app=crm&lang=ru')
    expect(crm.app).toBe('crm')
    expect(crm.message?.text).toBe('CRM only: database restore')
    expect(crm.message?.expires).toBe('2026-11-22T15:00:00Z')
    expect(crm.helpUrl).toBe('https://wiki.example.com/crm')
    expect(crm.helpText).toBe('Позвоните дежурному')
    const other = await statusAt('2026-11-22T14:30:00Z', '?app=billing&lang=en')
    expect(other.message).toBeNull()
    expect(other.helpUrl).toBe('https://wiki.example.com/help')
  })

  it('falls back from a regional tag to its language, then to English', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    expect((await statusAt('2026-11-22T13:00:00Z', '?lang=ru-RU')).message?.text).toBe(
      'Идёт обновление сервера',
    )
    expect((await statusAt('2026-11-22T13:00:00Z', '?lang=de')).message?.text).toBe(
      'Server upgrade in progress',
    )
  })

  it('takes the language from Accept-Language when lang is absent and says it varies', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    fx.clock.now = Date.parse('2026-11-22T13:00:00Z')
    const res = await fx
      .app()
      .request('/v1/status', { headers: { 'Accept-Language': 'ru,en;q=0.8' } })
    expect(((await res.json()) as ResolvedStatus).helpText).toBe('Позвоните дежурному')
    expect(res.headers.get('vary')).toContain('Accept-Language')
  })

  it('refuses a malformed app id or language, naming the parameter', async () => {
    fx = statusFixture(WINDOW)
    fx.store.start()
    const res = await fx.app().request('/v1/status?app=CRM!')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-field', field: 'app' } })
    const lang = await fx.app().request('/v1/status?lang=<script>')
    expect(await lang.json()).toMatchObject({ error: { field: 'lang' } })
  })

  it('carries the kill switch and retry hint to clients', async () => {
    fx = statusFixture({ retryAfterSeconds: 45, apps: { legacy: { disableServiceWorker: true } } })
    fx.store.start()
    const legacy = await statusAt('2026-11-22T13:00:00Z', '?app=legacy')
    expect(legacy.disableServiceWorker).toBe(true)
    expect(legacy.retryAfterSeconds).toBe(45)
    expect((await statusAt('2026-11-22T13:00:00Z')).disableServiceWorker).toBe(false)
  })
})
