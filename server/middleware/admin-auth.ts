import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { jsonError } from '../errors.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** Who the admin request is from (a token's label); what edits record as their author. */
    adminLabel: string
  }
}

export interface AdminAuthOptions {
  /** The admin token; `null` or empty turns every admin route off (403 admin-disabled). */
  token: string | null
}

/** Compare in constant time so the token cannot be guessed byte by byte from response times. */
function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Guards admin routes with `Authorization: Bearer <token>`.
 *
 * @example
 * app.use('/v1/status/document', adminAuth({ token: process.env.STARTUP_HELP_ADMIN_TOKEN ?? null }))
 */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler {
  const expected = options.token && options.token.length > 0 ? options.token : null
  return async function adminAuthMiddleware(c, next) {
    if (expected === null) {
      return jsonError(
        c,
        403,
        'admin-disabled',
        'the admin API is off: set STARTUP_HELP_ADMIN_TOKEN (or --admin-token-file) to turn it on',
      )
    }
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(header)
    if (!match?.[1] || !tokensMatch(match[1].trim(), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="startup-help"')
      return jsonError(
        c,
        401,
        'unauthorized',
        'missing or wrong admin token (Authorization: Bearer …)',
      )
    }
    // One token, one name for now; labelled tokens will set their own.
    c.set('adminLabel', 'admin')
    await next()
  }
}
