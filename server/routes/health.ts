import { Hono } from 'hono'
import type { StatusStore } from '../status/status-store.js'

/**
 * `GET /healthz`: liveness (always 200 while the process answers) and whether the status file is
 * valid; an invalid file does not make the service unhealthy, it keeps serving the last good one.
 *
 * @example
 * app.route('/', healthRoutes({ store }))
 */
export function healthRoutes(options: { store: StatusStore; version: string }): Hono {
  const routes = new Hono()
  routes.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ ok: true, version: options.version, statusFile: options.store.health() })
  })
  return routes
}
