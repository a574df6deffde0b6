import type { Context } from 'hono'
import { jsonError } from './error-body.js'

/**
 * The request body parsed as JSON, or the 400 `invalid-json` answer that names the parser's
 * complaint. Reading the body is outside the catch: a body over the limit stays bodyLimit's 413.
 *
 * @example
 * const read = await readJsonBody(c)
 * if (!read.ok) return read.response
 */
export async function readJsonBody(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await c.req.text()
  try {
    // A byte order mark is how some senders (1C) start their JSON; it means nothing.
    return { ok: true, body: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (error) {
    const message = `the body is not JSON: ${(error as Error).message}`
    return { ok: false, response: jsonError(c, 400, 'invalid-json', message) }
  }
}
