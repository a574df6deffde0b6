import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'correct-horse-battery-staple'
const auth = { Authorization: `Bearer ${TOKEN}` }
const json = { 'Content-Type': 'application/json' }

let fx: StatusFixture
afterEach(() => fx.cleanup())

describe('admin status document API', () => {
  it('is off when no token is configured', async () => {
    fx = statusFixture({ helpText: 'x' })
    const res = await fx.app(null).request('/v1/status/document', { headers: auth })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'admin-disabled' } })
  })

  it('answers 401 to a missing or wrong token', async () => {
    fx = statusFixture({ helpText: 'x' })
    const app = fx.app(TOKEN)
    expect((await app.request('/v1/status/document')).status).toBe(401)
    const wrong = await app.request('/v1/status/document', {
      headers: { Authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('returns the raw file with its ETag', async () => {
    fx = statusFixture({ helpText: 'x' })
    const res = await fx.app(TOKEN).request('/v1/status/document', { headers: auth })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(readFileSync(fx.file, 'utf8'))
    expect(res.headers.get('etag')).toMatch(/^"/)
  })

  it('writes a valid document, keeps the old one as history and serves the new one at once', async () => {
    fx = statusFixture({ helpText: 'old' })
    fx.store.start()
    const app = fx.app(TOKEN)
    const etag =
      (await app.request('/v1/status/document', { headers: auth })).headers.get('etag') ?? ''
    const put = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json, 'If-Match': etag },
      body: JSON.stringify({ helpText: 'new' }),
    })
    expect(put.status).toBe(200)
    expect(JSON.parse(readFileSync(fx.file, 'utf8'))).toEqual({ helpText: 'new' })
    const history = readdirSync(join(fx.dataDir, 'status-history'))
    expect(history).toHaveLength(1)
    expect(
      JSON.parse(readFileSync(join(fx.dataDir, 'status-history', history[0] ?? ''), 'utf8')),
    ).toEqual({ helpText: 'old' })
    const status = (await (await app.request('/v1/status?lang=en')).json()) as { helpText: string }
    expect(status.helpText).toBe('new')
  })

  it('refuses a lost update with 412 and leaves the file alone', async () => {
    fx = statusFixture({ helpText: 'old' })
    const app = fx.app(TOKEN)
    const etag =
      (await app.request('/v1/status/document', { headers: auth })).headers.get('etag') ?? ''
    const first = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json, 'If-Match': etag },
      body: JSON.stringify({ helpText: 'first admin' }),
    })
    expect(first.status).toBe(200)
    const second = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json, 'If-Match': etag },
      body: JSON.stringify({ helpText: 'second admin' }),
    })
    expect(second.status).toBe(412)
    expect(await second.json()).toMatchObject({ error: { code: 'precondition-failed' } })
    expect(JSON.parse(readFileSync(fx.file, 'utf8'))).toEqual({ helpText: 'first admin' })
  })

  it('refuses an invalid document naming the field, and never writes it', async () => {
    fx = statusFixture({ helpText: 'old' })
    const before = readFileSync(fx.file, 'utf8')
    const res = await fx.app(TOKEN).request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json },
      body: JSON.stringify({ helpUrl: 'javascript:alert(1)' }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-field', field: 'helpUrl' } })
    const syntax = await fx.app(TOKEN).request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json },
      body: '{"helpText": ',
    })
    expect(await syntax.json()).toMatchObject({ error: { code: 'invalid-json' } })
    expect(readFileSync(fx.file, 'utf8')).toBe(before)
  })

  it('refuses other content types (415) and oversized documents (413)', async () => {
    fx = statusFixture({})
    const app = fx.app(TOKEN)
    const text = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{}',
    })
    expect(text.status).toBe(415)
    const huge = await app.request('/v1/status/document', {
      method: 'PUT',
      headers: { ...auth, ...json },
      body: JSON.stringify({ helpText: 'x'.repeat(300 * 1024) }),
    })
    expect(huge.status).toBe(413)
    expect(await huge.json()).toMatchObject({ error: { code: 'payload-too-large' } })
  })
})
