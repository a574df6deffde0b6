import type { Hono } from 'hono'

/** A signed-in console visitor over `app.request` or a real socket (pass a fetch-like request). */
export interface ConsoleClient {
  cookie: string
  csrf: string
  get(path: string): Promise<Response>
  /** Posts form fields; `_csrf` is added unless `withCsrf` is false. */
  post(
    path: string,
    fields: Record<string, string>,
    withCsrf?: boolean,
    headers?: Record<string, string>,
  ): Promise<Response>
  /** The page's form fields as the browser would post them (inputs, selects, textareas). */
  formFields(page: string, formId: string): Record<string, string>
}

type Requester = (path: string, init?: RequestInit) => Promise<Response>

/** Reads the CSRF meta of a console page. */
export function csrfOf(page: string): string {
  return /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? ''
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/**
 * Signs in with `token` and answers a client carrying the session cookie.
 *
 * @example
 * const admin = await signInToConsole((p, i) => app.request(p, i), 'token')
 * const page = await (await admin.get('/admin/status')).text()
 */
export async function signInToConsole(request: Requester, token: string): Promise<ConsoleClient> {
  const signIn = await request('/admin/sign-in', {
    method: 'POST',
    body: new URLSearchParams({ token }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  })
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`)
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return consoleClientWithCookie(request, cookie)
}

/**
 * A client carrying a session cookie issued elsewhere (another instance sharing the tokens):
 * reads the CSRF token from its first console page.
 *
 * @example
 * const onB = await consoleClientWithCookie(requestB, aliceOnA.cookie)
 */
export async function consoleClientWithCookie(
  request: Requester,
  cookie: string,
): Promise<ConsoleClient> {
  const first = await request('/admin/status', { headers: { Cookie: cookie }, redirect: 'manual' })
  if (first.status !== 200)
    throw new Error(`/admin/status with the cookie answered ${first.status}`)
  const csrf = csrfOf(await first.text())
  return {
    cookie,
    csrf,
    get: (path) => request(path, { headers: { Cookie: cookie }, redirect: 'manual' }),
    post: (path, fields, withCsrf = true, headers = {}) =>
      request(path, {
        method: 'POST',
        body: new URLSearchParams(withCsrf ? { _csrf: csrf, ...fields } : fields),
        headers: {
          Cookie: cookie,
          'Content-Type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        redirect: 'manual',
      }),
    formFields(page, formId) {
      const start = page.indexOf(`id="${formId}"`)
      const form = page.slice(start, page.indexOf('</form>', start))
      const fields: Record<string, string> = {}
      for (const match of form.matchAll(/<input ([^>]*)>/g)) {
        const attrs = match[1] ?? ''
        const name = /name="([^"]*)"/.exec(attrs)?.[1]
        if (!name) continue
        const type = /type="([^"]*)"/.exec(attrs)?.[1] ?? 'text'
        if (type === 'checkbox') {
          if (/\bchecked\b/.test(attrs)) fields[name] = 'on'
          continue
        }
        fields[name] = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '')
      }
      for (const match of form.matchAll(/<textarea ([^>]*)>([\s\S]*?)<\/textarea>/g)) {
        const name = /name="([^"]*)"/.exec(match[1] ?? '')?.[1]
        if (name) fields[name] = decode(match[2] ?? '')
      }
      for (const match of form.matchAll(/<select ([^>]*)>([\s\S]*?)<\/select>/g)) {
        const name = /name="([^"]*)"/.exec(match[1] ?? '')?.[1]
        const selected = /<option value="([^"]*)" selected>/.exec(match[2] ?? '')?.[1]
        const first = /<option value="([^"]*)"/.exec(match[2] ?? '')?.[1]
        if (name) fields[name] = decode(selected ?? first ?? '')
      }
      return fields
    },
  }
}

/** `app.request` as a Requester. */
export const viaApp =
  (app: Hono): Requester =>
  (path, init) =>
    Promise.resolve(app.request(path, init))
