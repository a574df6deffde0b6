/** A posted form as Hono parses it (`await c.req.parseBody()`). */
export type FormBody = Readonly<Record<string, unknown>>

/**
 * One text field of a posted form ('' when missing, a file, or repeated: the first).
 *
 * @example
 * formText(await c.req.parseBody(), 'scope') // 'crm'
 */
export function formText(body: FormBody, name: string): string {
  const value = body[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}
