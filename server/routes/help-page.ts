import { Hono } from 'hono'
import { APP_ID_PATTERN, LANG_PATTERN } from '../../formats/primitives.js'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import { serverPageModel } from '../../help-page/page-model.js'
import { renderHelpDocument } from '../../help-page/render-document.js'
import { builtAsset } from '../http/built-assets.js'
import { jsonError } from '../http/error-body.js'

export interface HelpPageRoutesOptions {
  /** The status for an app (or the top level) in a language, now. */
  resolveStatus: (app: string | null, lang: string) => ResolvedStatus
  /** Where the browser build put help-page.js and help-page.css (`dist/browser`). */
  browserAssetsDir: string
  /** Injected clock for tests (ms since epoch). */
  now?: () => number
}

/**
 * The page allows only its own script, style and requests: the panel sets every network text
 * with textContent, and this makes any slip inert as well.
 */
export const HELP_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const ASSETS: Record<string, string> = {
  'help-page.js': 'text/javascript; charset=utf-8',
  'help-page.css': 'text/css; charset=utf-8',
}

/**
 * `GET /help?app=ID&lang=LL`: the help page rendered by the server, for first-time visitors and a
 * proxy's `error_page`, with its script and style under `/help/assets/`. A malformed `app` is a
 * 400 (the link is an admin's, who should see the mistake); a malformed `lang` falls back to the
 * browser's Accept-Language, then English (a person is reading).
 *
 * @example
 * app.route('/help', helpPageRoutes({
 *   resolveStatus: (app, lang) => store.resolve({ app, lang, now: Date.now() }),
 *   browserAssetsDir: 'dist/browser',
 * }))
 */
export function helpPageRoutes(options: HelpPageRoutesOptions): Hono {
  const now = options.now ?? Date.now
  const routes = new Hono()

  routes.get('/', (c) => {
    const app = c.req.query('app') || null
    if (app !== null && !APP_ID_PATTERN.test(app)) {
      return jsonError(c, 400, 'invalid-field', 'app must match ^[a-z0-9][a-z0-9_-]{0,63}$', 'app')
    }
    const lang = pickLanguage(c.req.query('lang'), c.req.header('accept-language'))
    const status = options.resolveStatus(app, lang)
    const model = serverPageModel({
      status,
      lang,
      failure: null,
      receivedAt: new Date(now()).toISOString(),
    })
    // Assets relative to where this sub-app is mounted, so a proxy that forwards /help/* works.
    const base = c.req.path.replace(/\/+$/, '')
    const html = renderHelpDocument(model, {
      scriptUrl: `${base}/assets/help-page.js`,
      styleUrl: `${base}/assets/help-page.css`,
    })
    c.header('Content-Security-Policy', HELP_PAGE_CSP)
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.html(html)
  })

  routes.get(
    '/assets/:name',
    builtAsset({ dir: options.browserAssetsDir, types: ASSETS, what: 'help page' }),
  )

  return routes
}

function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): string {
  if (query && LANG_PATTERN.test(query)) return query
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim()
  return first && LANG_PATTERN.test(first) ? first : 'en'
}
