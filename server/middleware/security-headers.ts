import type { MiddlewareHandler } from 'hono'

/**
 * The security headers of every answer of the service, in one place: the middleware sets them on
 * what Hono answers, and the status answerer (which also serves Node's fast path, outside Hono)
 * copies them into its own headers. Hono's secureHeaders defaults, but for
 * Cross-Origin-Resource-Policy: the status is read cross-origin by other sites' service workers.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}

/**
 * Sets {@link SECURITY_HEADERS} on every answer that passes through (a header a route set itself
 * is kept).
 *
 * @example
 * app.use(securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value)
    }
  }
}
