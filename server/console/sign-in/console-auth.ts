import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { HEADERS } from '../../../formats/headers.js'
import { type LabelledToken, labelForToken } from '../../middleware/admin-tokens.js'
import { clientAddress } from '../../middleware/rate-limit.js'
import type { SignOutList } from '../../storage/sign-outs.js'
import { html } from '../ui/html.js'
import { consolePage } from '../ui/layout.js'
import { SESSION_MAX_AGE_MS, type SessionKeeper } from './session.js'
import type { SignInLimiter } from './sign-in-limiter.js'

/** The session cookie: HttpOnly, SameSite=Strict, only sent to the console's paths. */
export const SESSION_COOKIE = 'sh_console'

export interface ConsoleAuthOptions {
  tokens: readonly LabelledToken[]
  sessions: SessionKeeper
  signOuts: SignOutList
  limiter: SignInLimiter
  trustProxy: boolean
  base: string
}

/** HTTPS as the browser sees it (behind a trusted proxy: its X-Forwarded-Proto). */
function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') {
    return true
  }
  return new URL(c.req.url).protocol === 'https:'
}

/**
 * Sign in (`GET`/`POST {base}/sign-in`) and sign out (`POST {base}/sign-out`).
 *
 * @example
 * app.route('/admin', signInRoutes({ tokens, sessions, limiter, trustProxy: false, base: '/admin' }))
 */
export function signInRoutes(options: ConsoleAuthOptions): Hono {
  const { base, sessions, limiter } = options
  const routes = new Hono()

  const signInPage = (
    c: Context,
    view: { error?: string; flash?: string },
    status: 200 | 401 | 429 = 200,
  ) => {
    const request = c.get('console')
    const { t } = request
    const error = view.error
    const body = html`<p>${t('sign_in_intro')}</p>
<form method="post" action="${base}/sign-in" class="sign-in">
<label for="token">${t('token_label')}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus${error ? html` aria-invalid="true" aria-describedby="token-error"` : ''}>
${error ? html`<p id="token-error" class="field-error">${error}</p>` : ''}
<button type="submit">${t('sign_in')}</button>
</form>`
    const page = consolePage(request, {
      title: t('sign_in_title'),
      section: null,
      body,
      flash: view.flash ?? null,
    })
    return c.html(page, status)
  }

  routes.get('/sign-in', (c) => {
    const { t } = c.get('console')
    const reason = c.req.query('reason')
    if (reason === 'signed-out') return signInPage(c, { flash: t('signed_out') })
    if (reason === 'expired') return signInPage(c, { flash: t('session_ended') })
    return signInPage(c, {})
  })

  routes.post('/sign-in', async (c) => {
    const { t } = c.get('console')
    const address = clientAddress(c, options.trustProxy)
    const waitMs = limiter.waitMs(address)
    if (waitMs > 0) {
      c.header(HEADERS.retryAfter, String(Math.ceil(waitMs / 1000)))
      return signInPage(
        c,
        { error: t('too_many_tries', { minutes: Math.ceil(waitMs / 60_000) }) },
        429,
      )
    }
    const form = await c.req.parseBody()
    const given = typeof form.token === 'string' ? form.token.trim() : ''
    const label = given === '' ? null : labelForToken(options.tokens, given)
    if (label === null) {
      const left = limiter.failed(address)
      return left === 0
        ? signInPage(c, { error: t('too_many_tries', { minutes: 15 }) }, 429)
        : signInPage(c, { error: t('wrong_token', { left }) }, 401)
    }
    limiter.succeeded(address)
    const { value } = sessions.issue(label)
    setCookie(c, SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c, options.trustProxy),
      path: base,
      maxAge: SESSION_MAX_AGE_MS / 1000,
    })
    return c.redirect(`${base}/status`, 303)
  })

  routes.post('/sign-out', async (c) => {
    const { session } = c.get('console')
    if (session) await options.signOuts.add(session.id, session.expiresAtMs)
    deleteCookie(c, SESSION_COOKIE, { path: base })
    return c.redirect(`${base}/sign-in?reason=signed-out`, 303)
  })

  return routes
}

/**
 * Reads the session cookie into `c.get('console').session`; a page without one goes to sign in,
 * a write without one is refused. Every write must also carry the session's CSRF token (form
 * field `_csrf` or header `X-CSRF-Token`) and, when the browser names it, come from our origin:
 * the SameSite cookie alone never authorises a write.
 *
 * @example
 * app.use('/admin/*', requireSession({ sessions, signOuts: memorySignOuts(), base: '/admin' }))
 */
export function requireSession(options: {
  sessions: SessionKeeper
  signOuts: SignOutList
  base: string
}): MiddlewareHandler {
  const { sessions, base } = options
  return async function consoleSession(c, next) {
    const request = c.get('console')
    const verified = sessions.verify(getCookie(c, SESSION_COOKIE))
    let signedOut = false
    try {
      signedOut = verified !== null && (await options.signOuts.has(verified.id))
    } catch {
      // Fails closed: while sign-outs cannot be read (database down) no session is trusted.
      c.header(HEADERS.retryAfter, '5')
      return c.html(
        consolePage(request, {
          title: request.t('sessions_unavailable'),
          section: null,
          body: html``,
        }),
        503,
      )
    }
    const session = signedOut ? null : verified
    if (!session) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return c.redirect(
          `${base}/sign-in${getCookie(c, SESSION_COOKIE) ? '?reason=expired' : ''}`,
          303,
        )
      }
      return refused(c, 401)
    }
    request.session = session
    request.csrf = sessions.csrfToken(session)
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin')
      if (origin !== undefined && origin !== new URL(c.req.url).origin && !sameHost(c, origin)) {
        return refused(c, 403)
      }
      let given = c.req.header('x-csrf-token')
      if (given === undefined) {
        const type = c.req.header('content-type') ?? ''
        if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
          const form = await c.req.parseBody()
          given = typeof form._csrf === 'string' ? form._csrf : undefined
        }
      }
      if (!sessions.csrfMatches(session, given)) return refused(c, 403)
    }
    await next()
  }
}

/** Behind a proxy the request URL's host is the backend's; the Host header is the browser's. */
function sameHost(c: Context, origin: string): boolean {
  try {
    return new URL(origin).host === (c.req.header('x-forwarded-host') ?? c.req.header('host'))
  } catch {
    return false
  }
}

function refused(c: Context, status: 401 | 403) {
  const request = c.get('console')
  const { t } = request
  const message = status === 401 ? t('session_ended') : t('forbidden_write')
  const body = html`<p><a href="${request.base}/status">${t('nav_status')}</a></p>`
  return c.html(consolePage(request, { title: message, section: null, body }), status)
}
