import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StatusHistoryAnswer, StatusVersionAnswer } from '../../formats/status-history.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'history-routes-token'
const auth = { Authorization: `Bearer ${TOKEN}` }

let fx: StatusFixture
afterEach(() => fx.cleanup())

/** An app whose document was saved twice through the admin API (v0 by hand, then v1, v2). */
async function savedTwice() {
  fx = statusFixture({ helpText: 'v0' })
  fx.store.start()
  const app = fx.app(TOKEN)
  for (const helpText of ['v1', 'v2']) {
    fx.clock.now += 60_000
    const put = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ helpText }),
    })
    expect(put.status).toBe(200)
  }
  return app
}

async function list(app: Awaited<ReturnType<typeof savedTwice>>) {
  const res = await app.request('/v1/status/history', { headers: auth })
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return ((await res.json()) as StatusHistoryAnswer).versions
}

describe('admin status history API', () => {
  it('is for admins only, and never cached', async () => {
    fx = statusFixture({ helpText: 'x' })
    expect((await fx.app(null).request('/v1/status/history', { headers: auth })).status).toBe(403)
    const app = fx.app(TOKEN)
    for (const [path, method] of [
      ['/v1/status/history', 'GET'],
      ['/v1/status/history/current', 'GET'],
      ['/v1/status/history/current/restore', 'POST'],
    ] as const) {
      const res = await app.request(path, { method })
      expect(res.status).toBe(401)
      expect(res.headers.get('cache-control')).toBe('no-store')
    }
  })

  it('lists every version newest first, with who saved it, when, and its size but no text', async () => {
    const app = await savedTwice()
    const versions = await list(app)
    const etag = (await app.request('/v1/status/document', { headers: auth })).headers.get('etag')
    expect(versions).toEqual([
      {
        id: 'current',
        savedAt: '2026-11-22T10:02:00.000Z',
        savedBy: 'admin',
        replacedAt: null,
        etag,
        current: true,
        bytes: '{"helpText":"v2"}\n'.length,
      },
      expect.objectContaining({
        savedAt: '2026-11-22T10:01:00.000Z',
        savedBy: 'admin',
        replacedAt: '2026-11-22T10:02:00.000Z',
        current: false,
      }),
      // v0 was written by hand before the first save: nobody recorded who or when.
      expect.objectContaining({
        savedAt: null,
        savedBy: null,
        replacedAt: '2026-11-22T10:01:00.000Z',
        current: false,
      }),
    ])
    for (const version of versions) expect(version).not.toHaveProperty('text')
  })

  it('gives one version with its text, and 404 for an unknown or crafted id', async () => {
    const app = await savedTwice()
    const [, v1] = await list(app)
    const res = await app.request(`/v1/status/history/${v1?.id}`, { headers: auth })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const version = (await res.json()) as StatusVersionAnswer
    expect(version).toEqual({ ...v1, text: '{"helpText":"v1"}\n' })
    for (const id of ['nope', '..%2Fstatus', '%2e%2e', '.status.json.lock', 'x'.repeat(100)]) {
      const missing = await app.request(`/v1/status/history/${id}`, { headers: auth })
      expect(missing.status).toBe(404)
      expect(await missing.json()).toMatchObject({ error: { code: 'not-found' } })
    }
  })

  it('restores a version as a new one, served at once, keeping all the others', async () => {
    const app = await savedTwice()
    const [current, v1] = await list(app)
    const path = `/v1/status/history/${v1?.id}/restore`
    fx.clock.now += 60_000
    const res = await app.request(path, {
      method: 'POST',
      headers: { ...auth, 'If-Match': current?.etag ?? '' },
    })
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { ok: boolean; etag: string }
    expect(answer).toEqual({ ok: true, etag: expect.any(String) })
    expect(res.headers.get('etag')).toBe(answer.etag)
    expect(JSON.parse(readFileSync(fx.file, 'utf8'))).toEqual({ helpText: 'v1' })
    const served = (await (await app.request('/v1/status?lang=en')).json()) as { helpText: string }
    expect(served.helpText).toBe('v1')
    const after = await list(app)
    expect(after).toHaveLength(4)
    expect(after[0]).toMatchObject({ etag: answer.etag, savedBy: 'admin', current: true })
    expect(readdirSync(join(fx.dataDir, 'status-history'))).toHaveLength(3)
  })

  it('requires If-Match (428), refuses a stale one (412) and an unknown version (404)', async () => {
    const app = await savedTwice()
    const [current, v1] = await list(app)
    const restore = (id: string, headers: Record<string, string>) =>
      app.request(`/v1/status/history/${id}/restore`, { method: 'POST', headers })
    const without = await restore(v1?.id ?? '', auth)
    expect(without.status).toBe(428)
    expect(await without.json()).toMatchObject({ error: { code: 'precondition-required' } })
    const stale = await restore(v1?.id ?? '', { ...auth, 'If-Match': '"stale"' })
    expect(stale.status).toBe(412)
    expect(await stale.json()).toMatchObject({ error: { code: 'precondition-failed' } })
    const unknown = await restore('nope', { ...auth, 'If-Match': current?.etag ?? '' })
    expect(unknown.status).toBe(404)
    expect(JSON.parse(readFileSync(fx.file, 'utf8'))).toEqual({ helpText: 'v2' })
    expect(await list(app)).toHaveLength(3)
  })
})
