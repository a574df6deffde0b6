import { afterEach, describe, expect, it } from 'vitest'
import { signInToConsole, viaApp } from '../support/console-client.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'console-token-0123456789'
let fx: StatusFixture
afterEach(() => fx.cleanup())

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  redirect: 'manual' as const,
})

describe('admin console sign-in', () => {
  it('is off without an admin token, saying how to turn it on', async () => {
    fx = statusFixture({})
    const res = await fx.app(null).request('/admin/status')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('STARTUP_HELP_ADMIN_TOKEN')
  })

  it('sends a visitor without a session to sign in, and signs in with the token', async () => {
    fx = statusFixture({})
    const app = fx.app(TOKEN)
    const anonymous = await app.request('/admin/status', { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/admin/sign-in')
    const signIn = await app.request('/admin/sign-in', form({ token: TOKEN }))
    expect(signIn.status).toBe(303)
    const cookie = signIn.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^sh_console=[^;]+;/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Path=/admin')
    expect(cookie).toContain('Max-Age=28800')
    // Plain HTTP here: Secure would make the browser drop the cookie.
    expect(cookie).not.toContain('Secure')
    const page = await app.request('/admin/status', {
      headers: { Cookie: cookie.split(';')[0] ?? '' },
    })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Signed in as admin')
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('cache-control')).toBe('no-store')
  })

  it('marks the cookie Secure behind an HTTPS proxy it trusts', async () => {
    fx = statusFixture({})
    const { createApp } = await import('../../server/app.js')
    const app = createApp({
      store: fx.store,
      dataDir: fx.dataDir,
      adminToken: TOKEN,
      trustProxy: true,
    })
    const res = await app.request(
      '/admin/sign-in',
      form({ token: TOKEN }, { 'X-Forwarded-Proto': 'https' }),
    )
    expect(res.headers.get('set-cookie')).toContain('Secure')
  })

  it('says a wrong token is wrong, counts down the tries and then pauses the address', async () => {
    fx = statusFixture({})
    const app = fx.app(TOKEN)
    const first = await app.request('/admin/sign-in', form({ token: 'nope' }))
    expect(first.status).toBe(401)
    expect(await first.text()).toContain('4 more tries')
    for (let i = 0; i < 3; i += 1) await app.request('/admin/sign-in', form({ token: 'nope' }))
    const fifth = await app.request('/admin/sign-in', form({ token: 'nope' }))
    expect(fifth.status).toBe(429)
    // Even the right token waits now: the pause is per address, not per guess.
    const right = await app.request('/admin/sign-in', form({ token: TOKEN }))
    expect(right.status).toBe(429)
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(right.headers.get('set-cookie')).toBeNull()
    fx.clock.now += 15 * 60 * 1000
    expect((await app.request('/admin/sign-in', form({ token: TOKEN }))).status).toBe(303)
  })

  it('labels sessions by the token used, and forgets them when the token is removed', async () => {
    fx = statusFixture({})
    const tokens = [
      { label: 'alice', token: 'alice-token-0123456789' },
      { label: 'bob', token: 'bob-token-0123456789ab' },
    ]
    const { createApp } = await import('../../server/app.js')
    const app = createApp({ store: fx.store, dataDir: fx.dataDir, adminToken: tokens })
    const bob = await signInToConsole(viaApp(app), 'bob-token-0123456789ab')
    expect(await (await bob.get('/admin/status')).text()).toContain('Signed in as bob')
    const without = createApp({
      store: fx.store,
      dataDir: fx.dataDir,
      adminToken: [tokens[0] as (typeof tokens)[0]],
    })
    expect(
      (
        await without.request('/admin/status', {
          headers: { Cookie: bob.cookie },
          redirect: 'manual',
        })
      ).status,
    ).toBe(303)
  })

  it('refuses a write without the CSRF token or from another origin, and signs out', async () => {
    fx = statusFixture({ helpText: 'before' })
    fx.store.start()
    const app = fx.app(TOKEN)
    const admin = await signInToConsole(viaApp(app), TOKEN)
    const noToken = await admin.post('/admin/status/end', { scope: '' }, false)
    expect(noToken.status).toBe(403)
    const wrongToken = await admin.post('/admin/status/end', { scope: '', _csrf: 'forged' }, false)
    expect(wrongToken.status).toBe(403)
    const otherOrigin = await app.request(
      '/admin/status/end',
      form(
        { scope: '', _csrf: admin.csrf },
        { Cookie: admin.cookie, Origin: 'https://evil.example' },
      ),
    )
    expect(otherOrigin.status).toBe(403)
    // A header token works for scripts.
    const withHeader = await app.request('/admin/status/end', {
      ...form({ scope: '' }, { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf }),
    })
    expect(withHeader.status).toBe(303)
    const out = await admin.post('/admin/sign-out', {})
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/sh_console=;.*Max-Age=0/)
    // The old cookie no longer works here, even if a copy of it was kept.
    expect((await admin.get('/admin/status')).status).toBe(303)
  })

  it('never answers another origin with CORS headers', async () => {
    fx = statusFixture({})
    const app = fx.app(TOKEN)
    const admin = await signInToConsole(viaApp(app), TOKEN)
    const res = await app.request('/admin/status', {
      headers: { Cookie: admin.cookie, Origin: 'https://evil.example' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })
})
