import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { LRUCache } from 'lru-cache'
import { HEADERS } from '../../formats/headers.js'
import { jsonError } from '../http/error-body.js'

export interface RateLimitOptions {
  /** Requests one client may make per minute; also the burst it may spend at once. */
  perMinute: number
  /**
   * Take the client address from the last X-Forwarded-For entry (the one our proxy added).
   * Only behind a proxy that sets it: otherwise any client could name itself anew each time.
   */
  trustProxy?: boolean
  /**
   * Clients remembered at most. Memory stays bounded during a flood from many addresses; a
   * client pushed out by newer ones starts again with a full allowance. Default 10,000
   * (about 1 MB).
   */
  maxClients?: number
  now?: () => number
}

interface Bucket {
  tokens: number
  updatedMs: number
}

/**
 * The client's address: the socket's peer, or the proxy's last X-Forwarded-For entry when
 * trusted. Falls back to `unknown` where there is no socket (in-process `app.request`).
 *
 * @example
 * clientAddress(c, false) // '203.0.113.7'
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const last = forwarded?.split(',').at(-1)?.trim()
    if (last) return last
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Limits requests per client address with a token bucket: `perMinute` tokens, refilled
 * continuously, so a client that waits gets its allowance back gradually. Over the limit the
 * answer is 429 with `Retry-After` (seconds until one request is allowed again).
 *
 * @example
 * app.post('/v1/reports', rateLimit({ perMinute: 20 }), handler)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const capacity = options.perMinute
  const perMs = capacity / 60_000
  const now = options.now ?? Date.now
  const trustProxy = options.trustProxy ?? false
  const buckets = new LRUCache<string, Bucket>({ max: options.maxClients ?? 10_000 })
  return async function rateLimitMiddleware(c, next) {
    if (capacity <= 0) return next()
    const key = clientAddress(c, trustProxy)
    const at = now()
    const bucket = buckets.get(key) ?? { tokens: capacity, updatedMs: at }
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, at - bucket.updatedMs) * perMs)
    bucket.updatedMs = at
    if (bucket.tokens < 1) {
      buckets.set(key, bucket)
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
      c.header(HEADERS.retryAfter, String(retryAfter))
      return jsonError(
        c,
        429,
        'rate-limited',
        `too many reports from this address; try again in ${retryAfter} s`,
      )
    }
    bucket.tokens -= 1
    buckets.set(key, bucket)
    return next()
  }
}
