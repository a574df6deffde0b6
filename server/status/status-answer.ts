import { createHash } from 'node:crypto'
import { APP_ID_PATTERN, LANG_PATTERN } from '../../formats/primitives.js'
import { languageFromAcceptLanguage } from '../../formats/status-url.js'
import type { ErrorBody } from '../http/error-body.js'
import { SECURITY_HEADERS } from '../middleware/security-headers.js'
import type { StatusStore } from './status-store.js'

/**
 * Longest time a browser or proxy may reuse a status answer when nothing is scheduled. Longer means
 * fewer requests but a new incident message reaches clients later.
 */
export const DEFAULT_STATUS_MAX_AGE_SECONDS = 60

export interface StatusAnswererOptions {
  store: StatusStore
  maxAgeSeconds?: number
}

/** What a `GET /v1/status` request carries; absent parameters and headers are `null`/`undefined`. */
export interface StatusQuestion {
  app: string | null | undefined
  lang: string | null | undefined
  acceptLanguage: string | null | undefined
  ifNoneMatch: string | null | undefined
}

/** A complete HTTP answer, independent of any server library. `body` is `null` for 304. */
export interface StatusAnswer {
  status: 200 | 304 | 400
  headers: Record<string, string>
  body: string | null
}

export interface StatusAnswerer {
  answer(question: StatusQuestion): StatusAnswer
}

interface CachedBody {
  /** JSON of the resolved status without `serverTime`, which is spliced in per answer. */
  rest: string
  etag: string
  /** Until when this body is right: a message expiring drops it. */
  validUntil: number
}

/** Weak comparison, as RFC 9110 wants for If-None-Match. */
function matchesEtag(header: string | null | undefined, etag: string): boolean {
  if (!header) return false
  // The common case, a client sending back exactly what it got, without splitting.
  if (header === etag) return true
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/**
 * Errors too must be readable cross-origin, or a client only sees "CORS error". Same body shape and
 * content type as `jsonError` in server/http/error-body.ts.
 */
function invalidField(field: 'app' | 'lang', message: string): StatusAnswer {
  const body: ErrorBody = { error: { code: 'invalid-field', message, field } }
  return {
    status: 400,
    headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
}

/**
 * The `GET /v1/status` answer as a pure function of the request, with no server library in it, so
 * the Hono route and the node:http fast path in server/node.ts answer byte for byte alike.
 * Public (CORS `*`, no credentials), strong ETag, 304 on If-None-Match, and a Cache-Control that
 * never outlives the next start/expiry. Holds a per-(app, lang) cache of the JSON, dropped whenever
 * the store loads a new version.
 *
 * @example
 * const status = createStatusAnswerer({ store })
 * const { status: code, headers, body } = status.answer({ app: 'crm', lang: 'en', acceptLanguage: undefined, ifNoneMatch: undefined })
 */
export function createStatusAnswerer(options: StatusAnswererOptions): StatusAnswerer {
  const { store } = options
  const maxAge = options.maxAgeSeconds ?? DEFAULT_STATUS_MAX_AGE_SECONDS
  const cache = new Map<string, CachedBody>()
  let cacheVersion = -1
  // Many answers share a millisecond under load: format the clock once per distinct value.
  let stampedAt = Number.NaN
  let stamp = ''

  function cachedBody(app: string | null, lang: string, now: number): CachedBody {
    if (cacheVersion !== store.version) {
      cache.clear()
      cacheVersion = store.version
    }
    const key = `${app ?? ''}|${lang}`
    let body = cache.get(key)
    if (!body || now >= body.validUntil) {
      const { serverTime: _serverTime, ...rest } = store.resolve({ app, lang })
      const json = JSON.stringify(rest)
      const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`
      body = { rest: json, etag, validUntil: store.nextChange(app) ?? Number.POSITIVE_INFINITY }
      // Bounded: app ids and languages come from requests, so cap what a flood can make us keep.
      if (cache.size >= 1000) cache.clear()
      cache.set(key, body)
    }
    return body
  }

  return {
    answer(question) {
      const app = question.app ?? null
      if (app !== null && !APP_ID_PATTERN.test(app)) {
        return invalidField('app', 'app must match ^[a-z0-9][a-z0-9_-]{0,63}$')
      }
      const langParam = question.lang ?? null
      if (langParam !== null && !LANG_PATTERN.test(langParam)) {
        return invalidField('lang', 'lang must be a tag like "en", "ru" or "pt-BR"')
      }
      const lang = langParam ?? languageFromAcceptLanguage(question.acceptLanguage) ?? 'en'
      const now = store.clock()
      const body = cachedBody(app, lang, now)

      // The cached body is right until validUntil, the next start or expiry: no cache may keep it
      // longer.
      const seconds = Math.max(0, Math.min(maxAge, Math.floor((body.validUntil - now) / 1000)))
      const headers: Record<string, string> = {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'ETag, Date',
        // Set here, not by the middleware: the Hono route is registered before it, and Node's
        // fast path bypasses Hono altogether. One list for both (server/middleware).
        ...SECURITY_HEADERS,
        'cache-control': `public, max-age=${seconds}`,
        etag: body.etag,
      }
      if (langParam === null) headers.vary = 'Accept-Language'
      if (matchesEtag(question.ifNoneMatch, body.etag)) {
        return { status: 304, headers, body: null }
      }
      headers['content-type'] = 'application/json; charset=utf-8'
      if (now !== stampedAt) {
        stampedAt = now
        stamp = JSON.stringify(new Date(now).toISOString())
      }
      // serverTime first: the rest is cached JSON, so only the clock is new per answer.
      return { status: 200, headers, body: `{"serverTime":${stamp},${body.rest.slice(1)}` }
    },
  }
}
