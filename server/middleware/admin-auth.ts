import type { MiddlewareHandler } from 'hono'
import { jsonError } from '../http/error-body.js'
import { type AdminTokenSetting, labelForToken, labelledTokens } from './admin-tokens.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** The label of the admin token that authorised this request (history's "who"). */
    adminLabel: string
  }
}

export interface AdminAuthOptions {
  /** The admin token(s); `null` or none turns every admin route off (403 admin-disabled). */
  token: AdminTokenSetting
}

/**
 * Guards admin routes with `Authorization: Bearer <token>`; sets `adminLabel` to the matching
 * token's label.
 *
 * @example
 * app.use('/v1/status/document', adminAuth({ token: process.env.STARTUP_HELP_ADMIN_TOKEN ?? null }))
 */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler {
  const tokens = labelledTokens(options.token)
  return async function adminAuthMiddleware(c, next) {
    if (tokens.length === 0) {
      return jsonError(
        c,
        403,
        'admin-disabled',
        'the admin API is off: set STARTUP_HELP_ADMIN_TOKEN (or --admin-token-file) to turn it on',
      )
    }
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(header)
    const label = match?.[1] ? labelForToken(tokens, match[1].trim()) : null
    if (label === null) {
      c.header('WWW-Authenticate', 'Bearer realm="startup-help"')
      return jsonError(
        c,
        401,
        'unauthorized',
        'missing or wrong admin token (Authorization: Bearer …)',
      )
    }
    c.set('adminLabel', label)
    await next()
  }
}
