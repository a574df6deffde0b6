import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { APP_ID_PATTERN, LANG_PATTERN } from '../../formats/primitives.js'
import { jsonError } from '../errors.js'
import type { StatusStore } from '../status/status-store.js'

/**
 * Longest time a browser or proxy may reuse a status answer when nothing is scheduled. Longer means
 * fewer requests but a new incident message reaches clients later.
 */
export const DEFAULT_STATUS_MAX_AGE_SECONDS = 60

export interface StatusRoutesOptions {
  store: StatusStore
  maxAgeSeconds?: number
}

/**
 * CORS for any origin without credentials, plus the secure headers that matter for a JSON answer
 * (this route is registered before the app-wide secureHeaders middleware, for speed).
 */
const PUBLIC_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Date',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'cross-origin',
  'referrer-policy': 'no-referrer',
}

interface CachedBody {
  /** JSON of the resolved status without `serverTime`, which is spliced in per answer. */
  rest: string
  etag: string
  /** Until when this body is right: a message expiring drops it. */
  validUntil: number
}

/** Weak comparison, as RFC 9110 wants for If-None-Match. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

function preferredLanguage(acceptLanguage: string | undefined): string | null {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim()
  return first && LANG_PATTERN.test(first) ? first : null
}

/**
 * `GET /v1/status?app=ID&lang=LL`: the resolved status, public (CORS `*`, no credentials), with a
 * strong ETag, 304 on If-None-Match and a Cache-Control that never outlives the next start/expiry.
 *
 * @example
 * app.route('/v1', statusRoutes({ store }))
 */
export function statusRoutes(options: StatusRoutesOptions): Hono {
  const { store } = options
  const maxAge = options.maxAgeSeconds ?? DEFAULT_STATUS_MAX_AGE_SECONDS
  const cache = new Map<string, CachedBody>()
  let cacheVersion = -1
  const routes = new Hono()

  routes.options('/status', (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Access-Control-Allow-Methods', 'GET, OPTIONS')
    c.header('Access-Control-Allow-Headers', 'If-None-Match')
    c.header('Access-Control-Max-Age', '86400')
    return c.body(null, 204)
  })

  routes.get('/status', (c) => {
    const app = c.req.query('app') ?? null
    // Errors too must be readable cross-origin, or a client only sees "CORS error".
    if (app !== null && !APP_ID_PATTERN.test(app)) {
      c.header('Access-Control-Allow-Origin', '*')
      return jsonError(c, 400, 'invalid-field', 'app must match ^[a-z0-9][a-z0-9_-]{0,63}$', 'app')
    }
    const langParam = c.req.query('lang')
    if (langParam !== undefined && !LANG_PATTERN.test(langParam)) {
      c.header('Access-Control-Allow-Origin', '*')
      return jsonError(
        c,
        400,
        'invalid-field',
        'lang must be a tag like "en", "ru" or "pt-BR"',
        'lang',
      )
    }
    const lang = langParam ?? preferredLanguage(c.req.header('accept-language')) ?? 'en'

    const now = store.clock()
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

    // The cached body is right until validUntil, the next start or expiry: no cache may keep it longer.
    const seconds = Math.max(0, Math.min(maxAge, Math.floor((body.validUntil - now) / 1000)))
    // A plain header object (not c.header()) lets @hono/node-server write the answer without
    // building a Headers instance: this route is the hot path of every client.
    const headers: Record<string, string> = {
      ...PUBLIC_HEADERS,
      'cache-control': `public, max-age=${seconds}`,
      etag: body.etag,
    }
    if (langParam === undefined) headers.vary = 'Accept-Language'
    if (matchesEtag(c.req.header('if-none-match'), body.etag)) {
      return new Response(null, { status: 304, headers })
    }
    headers['content-type'] = 'application/json; charset=utf-8'
    // serverTime first: the rest is cached JSON, so only the clock is new per answer.
    const serverTime = JSON.stringify(new Date(now).toISOString())
    return new Response(`{"serverTime":${serverTime},${body.rest.slice(1)}`, {
      status: 200,
      headers,
    })
  })

  return routes
}
