import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { LabelledToken } from '../../middleware/admin-tokens.js'

/** A signed-in admin: who, until when, and the session's own id (for CSRF and sign-out). */
export interface ConsoleSession {
  id: string
  label: string
  expiresAtMs: number
}

/** A console session lasts a working shift; signing in again is one paste. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000

export interface SessionKeeper {
  /** The cookie value of a new session for `label`. */
  issue(label: string): { value: string; session: ConsoleSession }
  /** The session a cookie value proves, or null (forged, expired, token removed); sign-outs are checked apart. */
  verify(value: string | undefined): ConsoleSession | null
  /** The CSRF token of a session: a page puts it in every form and script header. */
  csrfToken(session: ConsoleSession): string
  /** True when `given` is the session's CSRF token (constant time). */
  csrfMatches(session: ConsoleSession, given: string | undefined): boolean
}

/**
 * Stateless sessions signed with a key derived from the admin tokens: every instance that shares
 * the tokens accepts a session another one issued (no session table), and changing or removing
 * a token signs its sessions out. Sign-outs are kept apart (`SignOutList`), where every
 * instance sees them.
 *
 * @example
 * const sessions = sessionKeeper([{ label: 'alice', token: '…' }])
 * const { value } = sessions.issue('alice') // the cookie's value
 * sessions.verify(value)?.label             // 'alice'
 */
export function sessionKeeper(
  tokens: readonly LabelledToken[],
  now: () => number = Date.now,
): SessionKeeper {
  const key = createHmac('sha256', 'startup-help console sessions')
    .update(JSON.stringify(tokens.map((entry) => [entry.label, entry.token])))
    .digest()
  const labels = new Set(tokens.map((entry) => entry.label))
  const sign = (purpose: string, payload: string) =>
    createHmac('sha256', key).update(`${purpose}\n${payload}`).digest('base64url')
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

  return {
    issue(label) {
      const session = {
        id: randomBytes(16).toString('base64url'),
        label,
        expiresAtMs: now() + SESSION_MAX_AGE_MS,
      }
      const payload = Buffer.from(JSON.stringify(session)).toString('base64url')
      return { value: `${payload}.${sign('session', payload)}`, session }
    },
    verify(value) {
      const [payload, signature, extra] = (value ?? '').split('.')
      if (!payload || !signature || extra !== undefined) return null
      if (!same(signature, sign('session', payload))) return null
      let session: ConsoleSession
      try {
        session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ConsoleSession
      } catch {
        return null
      }
      if (typeof session.id !== 'string' || typeof session.label !== 'string') return null
      if (!(session.expiresAtMs > now()) || !labels.has(session.label)) return null
      return session
    },
    csrfToken(session) {
      return sign('csrf', session.id)
    },
    csrfMatches(session, given) {
      return given !== undefined && same(given, sign('csrf', session.id))
    },
  }
}
