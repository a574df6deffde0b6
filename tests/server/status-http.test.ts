import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../server/node.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

let fx: StatusFixture
afterEach(() => fx.cleanup())

describe('GET /v1/status caching and headers', () => {
  it('answers 304 to a matching If-None-Match and 200 once the content changes', async () => {
    fx = statusFixture({ helpText: 'Call us' })
    fx.store.start()
    const app = fx.app()
    const first = await app.request('/v1/status?lang=en')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    fx.clock.now += 5000 // serverTime moves on; the content does not
    const again = await app.request('/v1/status?lang=en', {
      headers: { 'If-None-Match': etag ?? '' },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    fx.write({ helpText: 'Call the new number' })
    fx.store.reload()
    const changed = await app.request('/v1/status?lang=en', {
      headers: { 'If-None-Match': etag ?? '' },
    })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  it('never lets a cache keep an answer past the next start or expiry', async () => {
    fx = statusFixture({
      userMessage: 'Upgrade',
      startsAt: '2026-11-22T10:00:20Z',
      expires: '2026-11-22T11:00:00Z',
    })
    fx.store.start()
    fx.clock.now = Date.parse('2026-11-22T10:00:00Z')
    const before = await fx.app().request('/v1/status')
    expect(before.headers.get('cache-control')).toBe('public, max-age=20')
    fx.clock.now = Date.parse('2026-11-22T10:59:50Z')
    const during = await fx.app().request('/v1/status')
    expect(during.headers.get('cache-control')).toBe('public, max-age=10')
    fx.clock.now = Date.parse('2026-11-22T11:00:00Z')
    const after = await fx.app().request('/v1/status')
    expect(after.headers.get('cache-control')).toBe('public, max-age=60')
    expect(((await after.json()) as { message: unknown }).message).toBeNull()
  })

  it('is readable from any origin without credentials', async () => {
    fx = statusFixture({})
    fx.store.start()
    const res = await fx
      .app()
      .request('/v1/status', { headers: { Origin: 'https://app.example.com' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag')
    const preflight = await fx.app().request('/v1/status', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(204)
  })

  it('sends secure headers and a JSON 404 for unknown paths', async () => {
    fx = statusFixture({})
    fx.store.start()
    const res = await fx.app().request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves the JSON Schema of the status document', async () => {
    fx = statusFixture({})
    const res = await fx.app().request('/v1/status.schema.json')
    expect(res.status).toBe(200)
    const schema = (await res.json()) as {
      properties: Record<string, unknown>
      additionalProperties: boolean
    }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['helpText', 'userMessage', 'expires', 'apps']),
    )
    expect(schema.additionalProperties).toBe(false)
  })

  it('works through a real socket', async () => {
    fx = statusFixture({ helpText: 'Call us' })
    const running = await startServer({
      statusFile: fx.file,
      dataDir: fx.dataDir,
      port: 0,
      host: '127.0.0.1',
      adminToken: null,
      log: () => {},
    })
    try {
      const res = await fetch(`${running.url}/v1/status?lang=en`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { helpText: string }).helpText).toBe('Call us')
      const health = await fetch(`${running.url}/healthz`)
      expect(await health.json()).toMatchObject({ ok: true, statusFile: { valid: true } })
    } finally {
      await running.close()
    }
  })
})
