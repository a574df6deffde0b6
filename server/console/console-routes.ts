import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import type { StatusDocument } from '../../formats/status-document.js'
import { builtAsset } from '../http/built-assets.js'
import { type AdminTokenSetting, labelledTokens } from '../middleware/admin-tokens.js'
import type { ReportService } from '../reports/service.js'
import { memorySignOuts } from '../storage/folder/memory-sign-outs.js'
import type { SignOutList } from '../storage/sign-outs.js'
import type { SavedDocument, StatusDocumentStorage } from '../storage/status-document-storage.js'
import { LANGUAGE_COOKIE, readConsoleRequest } from './console-context.js'
import { consoleHistoryRoutes } from './history/history-routes.js'
import { consoleReportRoutes } from './reports/reports-routes.js'
import { requireSession, signInRoutes } from './sign-in/console-auth.js'
import { sessionKeeper } from './sign-in/session.js'
import { signInLimiter } from './sign-in/sign-in-limiter.js'
import { consoleStatusRoutes } from './status/status-routes.js'
import { html } from './ui/html.js'
import { consolePage } from './ui/layout.js'

/** Where the service mounts the console. */
export const CONSOLE_BASE = '/admin'

/** Own script, style and frames only; forms post only here; no one may frame the console. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
}

export interface ConsoleOptions {
  tokens: AdminTokenSetting
  statusStorage: StatusDocumentStorage
  onStatusSaved: (saved: SavedDocument) => void
  /** Built browser files (console.js, console.css). */
  browserAssetsDir: string
  trustProxy?: boolean
  now?: () => number
  /** Where sign-outs are kept; default this process's memory (the database: every instance's). */
  signOuts?: SignOutList
  /** The document users are served now (`StatusStore.current()`); the editor's base when the file is broken. */
  servedDocument?: () => StatusDocument | null
  /** The report service; absent: the reports pages say reports are off. */
  reports?: ReportService
}

/**
 * The admin console at `/admin`: sign in with an admin token, then edit the status with
 * previews, read history and work the reports. Off (404 with the reason) without a token.
 *
 * @example
 * app.route('/admin', consoleRoutes({ tokens: process.env.STARTUP_HELP_ADMIN_TOKEN ?? null, statusStorage, onStatusSaved, browserAssetsDir: 'dist/browser' }))
 */
export function consoleRoutes(options: ConsoleOptions): Hono {
  const tokens = labelledTokens(options.tokens)
  const now = options.now ?? Date.now
  const base = CONSOLE_BASE
  const routes = new Hono()

  routes.use('*', async (c, next) => {
    const request = readConsoleRequest(c, base)
    c.set('console', request)
    await next()
    // A language picked by its link stays picked on the next pages.
    if (c.req.query('lang') === request.lang) {
      setCookie(c, LANGUAGE_COOKIE, request.lang, {
        path: base,
        sameSite: 'Strict',
        maxAge: 31_536_000,
      })
    }
    c.header('Cache-Control', 'no-store')
    c.header('X-Frame-Options', 'DENY')
    // Not no-referrer: with it browsers send `Origin: null` on form posts, and the origin
    // check would refuse the console's own forms. Same-origin still tells no other site.
    c.header('Referrer-Policy', 'same-origin')
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.header('Content-Security-Policy', CONSOLE_CSP)
    }
  })

  routes.get(
    '/assets/:name',
    builtAsset({ dir: options.browserAssetsDir, types: ASSETS, what: 'console' }),
  )

  if (tokens.length === 0) {
    routes.all('*', (c) => {
      const { t, lang } = c.get('console')
      return c.html(
        html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t('console_off_title')}</title><link rel="stylesheet" href="${base}/assets/console.css"></head><body><main><h1>${t('console_off_title')}</h1><p>${t('console_off')}</p></main></body></html>`,
        404,
      )
    })
    return routes
  }

  const sessions = sessionKeeper(tokens, now)
  const signOuts = options.signOuts ?? memorySignOuts(now)
  const session = requireSession({ sessions, signOuts, base })
  // Signing out is a write too: it needs the session and its CSRF token.
  routes.use('/sign-out', session)
  routes.route(
    '/',
    signInRoutes({
      tokens,
      sessions,
      signOuts,
      limiter: signInLimiter(now),
      trustProxy: options.trustProxy ?? false,
      base,
    }),
  )
  routes.use('*', session)
  routes.get('/', (c) => c.redirect(`${base}/status`, 303))
  const status = {
    storage: options.statusStorage,
    onSaved: options.onStatusSaved,
    now,
    ...(options.servedDocument ? { served: options.servedDocument } : {}),
  }
  routes.route('/', consoleStatusRoutes(status))
  routes.route('/', consoleHistoryRoutes(status))
  routes.route(
    '/',
    consoleReportRoutes({ reports: options.reports, statusStorage: options.statusStorage, now }),
  )
  routes.notFound((c) => {
    const request = c.get('console')
    const body = html`<p><a href="${base}/status">${request.t('nav_status')}</a></p>`
    return c.html(consolePage(request, { title: request.t('not_found'), section: null, body }), 404)
  })
  return routes
}
