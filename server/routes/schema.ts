import { Hono } from 'hono'
import { PATHS } from '../../formats/status-url.js'
import { statusDocumentJsonSchema } from '../status/json-schema.js'

/**
 * `GET /v1/status.schema.json`: the JSON Schema of the status document, for editors.
 *
 * @example
 * app.route('/', schemaRoutes())
 */
export function schemaRoutes(): Hono {
  const body = JSON.stringify(statusDocumentJsonSchema(), null, 2)
  const routes = new Hono()
  routes.get(PATHS.statusSchema, (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('Content-Type', 'application/schema+json; charset=utf-8')
    return c.body(body)
  })
  return routes
}
