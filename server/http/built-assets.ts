import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Handler } from 'hono'
import { jsonError } from './error-body.js'

/**
 * `GET …/assets/:name` for files the browser build wrote (the help page's, the console's): only
 * the names listed, with their type, revalidated on every use (a deploy must never leave an old
 * script next to a new page), never sniffed. A name not built yet is a 404 that says to build.
 *
 * @example
 * routes.get('/assets/:name', builtAsset({ dir: 'dist/browser', types: { 'help-page.js': 'text/javascript; charset=utf-8' }, what: 'help page' }))
 */
export function builtAsset(options: {
  dir: string
  /** File name → Content-Type. */
  types: Readonly<Record<string, string>>
  /** Whose assets, for the 404 message ("help page", "console"). */
  what: string
}): Handler {
  return async (c) => {
    const name = c.req.param('name') ?? ''
    const type = options.types[name]
    if (type === undefined) {
      return jsonError(c, 404, 'not-found', `no ${options.what} asset "${name}"`)
    }
    let body: Buffer
    try {
      body = await readFile(join(options.dir, name))
    } catch {
      return jsonError(c, 404, 'not-found', `${name} is not built; run npm run build`)
    }
    c.header('Content-Type', type)
    c.header('Cache-Control', 'no-cache')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(new Uint8Array(body))
  }
}
