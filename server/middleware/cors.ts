import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { jsonError } from '../http/error-body.js'

export interface ReportCorsOptions {
  /** Origins whose pages may call; `'*'` for any. Credentials are never allowed either way. */
  allowedOrigins: '*' | readonly string[]
  /** Response headers the page's script may read (e.g. `Retry-After`). */
  exposeHeaders?: readonly string[]
}

/**
 * CORS for routes that browsers call from other origins: answers preflights for POST with a
 * JSON body, never allows credentials (reports carry no cookies), and, with an allowlist,
 * refuses a request whose `Origin` is not on it with 403 — the browser would hide the answer
 * from such a page anyway, and refusing keeps other sites from filling the store. Requests
 * without `Origin` (curl, a service worker's same-origin replay, servers) pass.
 *
 * @example
 * app.use('*', reportCors({ allowedOrigins: ['https://crm.example.com'] }))
 */
export function reportCors(options: ReportCorsOptions): MiddlewareHandler {
  const list = options.allowedOrigins === '*' ? null : new Set(options.allowedOrigins)
  const base = cors({
    origin: list === null ? '*' : (origin) => (list.has(origin) ? origin : null),
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    exposeHeaders: [...(options.exposeHeaders ?? [])],
    credentials: false,
    // Browsers cap this (Chromium at 2 h); 10 min keeps an allowlist change effective soon.
    maxAge: 600,
  })
  return async function reportCorsMiddleware(c, next) {
    const origin = c.req.header('origin')
    if (list !== null && origin !== undefined && c.req.method !== 'OPTIONS' && !list.has(origin)) {
      return jsonError(c, 403, 'forbidden', `origin ${origin} may not send reports here`)
    }
    return base(c, next)
  }
}
