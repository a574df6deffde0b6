import { Hono } from 'hono'
import { PATHS } from '../../formats/status-url.js'
import {
  createStatusAnswerer,
  DEFAULT_STATUS_MAX_AGE_SECONDS,
  type StatusAnswerer,
} from '../status/status-answer.js'
import type { StatusStore } from '../status/status-store.js'

export { DEFAULT_STATUS_MAX_AGE_SECONDS }

export interface StatusRoutesOptions {
  store: StatusStore
  maxAgeSeconds?: number
  /** Share one answerer (and its cache) with a fast path outside Hono; default: a new one. */
  answerer?: StatusAnswerer
}

/**
 * `GET /v1/status?app=ID&lang=LL` (and its CORS preflight) as Hono routes: a thin adapter over
 * `createStatusAnswerer`, which holds all the logic (ETag, 304, Cache-Control, CORS, 400s). On Node,
 * server/node.ts answers GET/HEAD through the same answerer without Hono; this route serves
 * `app.request()`, other runtimes, and anything the fast path hands on.
 *
 * @example
 * app.route('/', statusRoutes({ store }))
 */
export function statusRoutes(options: StatusRoutesOptions): Hono {
  const answerer: StatusAnswerer =
    options.answerer ??
    createStatusAnswerer(
      options.maxAgeSeconds === undefined
        ? { store: options.store }
        : { store: options.store, maxAgeSeconds: options.maxAgeSeconds },
    )
  const routes = new Hono()

  routes.options(PATHS.status, (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Access-Control-Allow-Methods', 'GET, OPTIONS')
    c.header('Access-Control-Allow-Headers', 'If-None-Match')
    c.header('Access-Control-Max-Age', '86400')
    return c.body(null, 204)
  })

  routes.get(PATHS.status, (c) => {
    const { status, headers, body } = answerer.answer({
      app: c.req.query('app'),
      lang: c.req.query('lang'),
      acceptLanguage: c.req.header('accept-language'),
      ifNoneMatch: c.req.header('if-none-match'),
    })
    // A plain header object (not c.header()) lets @hono/node-server write the answer without
    // building a Headers instance.
    return new Response(body, { status, headers })
  })

  return routes
}
