import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredReport } from '../../formats/report.js'
import { type ReportRoutesOptions, reportRoutes } from '../../server/routes/reports.js'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { sampleReport } from '../support/report-fixture.js'

const TOKEN = 'admin-secret-token'
let dir: string
let store: FolderReportStorage

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-reports-'))
  store = await FolderReportStorage.open({ dir, log: () => {} })
})

afterEach(async () => {
  await store.close()
  await rm(dir, { recursive: true, force: true })
})

function routes(options: Partial<ReportRoutesOptions> = {}): Hono {
  return reportRoutes({ store, adminToken: TOKEN, reportsPerMinute: 0, ...options })
}

function post(app: Hono, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } })
    .error
}

async function storedLines(): Promise<StoredReport[]> {
  const text = await readFile(join(dir, 'reports.jsonl'), 'utf8')
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StoredReport)
}

describe('POST /v1/reports', () => {
  it('stores a valid report on disk and answers 201 with a short reference', async () => {
    const report = sampleReport({ comment: 'login spins forever', contact: 'anna@example.com' })
    const response = await post(routes(), report)
    expect(response.status).toBe(201)
    const body = (await response.json()) as { id: string; receivedAt: string }
    expect(body.id).toMatch(/^SH-[0-9A-HJKMNP-TV-Z]{6}$/)
    expect(Number.isNaN(Date.parse(body.receivedAt))).toBe(false)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('location')).toBe(`/${body.id}`)
    const [stored] = await storedLines()
    expect(stored).toEqual({ id: body.id, receivedAt: body.receivedAt, ...report })
  })

  it('accepts a charset parameter on the JSON content type', async () => {
    const response = await post(routes(), sampleReport(), {
      'content-type': 'application/json; charset=utf-8',
    })
    expect(response.status).toBe(201)
  })

  it('answers a replay of the same clientReportId with the first reference and stores one record', async () => {
    const app = routes()
    const report = sampleReport()
    const first = await post(app, report)
    const again = await post(app, { ...report, comment: 'sent twice by the service worker' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    expect(await storedLines()).toHaveLength(1)
  })

  it('stores one record when the same report arrives twice at the same moment', async () => {
    const app = routes()
    const report = sampleReport()
    const answers = await Promise.all([post(app, report), post(app, report), post(app, report)])
    const bodies = await Promise.all(answers.map((answer) => answer.json()))
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201])
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[2]).toEqual(bodies[0])
    expect(await storedLines()).toHaveLength(1)
  })

  it('refuses a body that is not JSON with 400 invalid-json', async () => {
    const response = await post(routes(), '{"clientReportId": ')
    expect(response.status).toBe(400)
    expect((await errorOf(response)).code).toBe('invalid-json')
  })

  it.each([
    ['a missing field', (r: Record<string, unknown>) => delete r.pageUrl, 'pageUrl'],
    ['an unknown field', (r: Record<string, unknown>) => (r.cookie = 'sid=1'), '(top level)'],
    [
      'a short clientReportId',
      (r: Record<string, unknown>) => (r.clientReportId = 'abc'),
      'clientReportId',
    ],
    ['a bad app id', (r: Record<string, unknown>) => (r.app = 'CRM App'), 'app'],
    [
      'a date without a zone',
      (r: Record<string, unknown>) => (r.createdAt = '2026-11-22 11:05'),
      'createdAt',
    ],
    [
      'an unknown failure kind',
      (r: Record<string, unknown>) => ((r.failure as Record<string, unknown>).kind = 'boom'),
      'failure.kind',
    ],
    [
      'a status out of range',
      (r: Record<string, unknown>) => ((r.failure as Record<string, unknown>).status = 99),
      'failure.status',
    ],
    [
      'a wrong type',
      (r: Record<string, unknown>) => ((r.browser as Record<string, unknown>).online = 'yes'),
      'browser.online',
    ],
    [
      'a comment over 2000 characters',
      (r: Record<string, unknown>) => (r.comment = 'x'.repeat(2001)),
      'comment',
    ],
    [
      'an unknown service worker state',
      (r: Record<string, unknown>) => ((r.serviceWorker as Record<string, unknown>).state = 'on'),
      'serviceWorker.state',
    ],
  ])('refuses %s with 400 invalid-field naming the field', async (_name, spoil, field) => {
    const report = structuredClone(sampleReport()) as unknown as Record<string, unknown>
    spoil(report)
    const response = await post(routes(), report)
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error.code).toBe('invalid-field')
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
    expect(store.count).toBe(0)
  })

  it('refuses a JSON array with 400 invalid-field', async () => {
    const response = await post(routes(), [sampleReport()])
    expect(response.status).toBe(400)
    expect((await errorOf(response)).code).toBe('invalid-field')
  })

  it.each([
    ['no content type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
  ])('refuses a body with %s with 415', async (_name, type) => {
    const headers = new Headers()
    if (type) headers.set('content-type', type)
    const response = await routes().request('/', {
      method: 'POST',
      headers,
      body: JSON.stringify(sampleReport()),
    })
    expect(response.status).toBe(415)
    expect((await errorOf(response)).code).toBe('unsupported-media-type')
  })

  it('refuses a body over the limit with 413 in the JSON error shape', async () => {
    const app = routes({ maxBodyBytes: 4096 })
    const response = await post(app, { ...sampleReport(), shownMessage: 'x'.repeat(5000) })
    expect(response.status).toBe(413)
    const error = await errorOf(response)
    expect(error.code).toBe('payload-too-large')
    expect(error.message).toContain('4096')
    expect(store.count).toBe(0)
  })
})

describe('rate limit on POST /v1/reports', () => {
  it('answers 429 with Retry-After once an address spent its allowance, and lets it in again later', async () => {
    let clock = Date.parse('2026-11-22T11:00:00Z')
    const app = routes({ reportsPerMinute: 3, now: () => clock })
    for (let index = 0; index < 3; index += 1) {
      expect((await post(app, sampleReport())).status).toBe(201)
    }
    const limited = await post(app, sampleReport())
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('20')
    expect((await errorOf(limited)).code).toBe('rate-limited')

    clock += 19_000
    expect((await post(app, sampleReport())).status).toBe(429)
    clock += 1_000
    expect((await post(app, sampleReport())).status).toBe(201)
    expect(store.count).toBe(4)
  })

  it('counts addresses from X-Forwarded-For apart only when the proxy is trusted', async () => {
    const clock = Date.parse('2026-11-22T11:00:00Z')
    const trusted = routes({ reportsPerMinute: 1, trustProxy: true, now: () => clock })
    const hop = (ip: string) => ({ 'x-forwarded-for': `6.6.6.6, ${ip}` })
    expect((await post(trusted, sampleReport(), hop('203.0.113.1'))).status).toBe(201)
    expect((await post(trusted, sampleReport(), hop('203.0.113.1'))).status).toBe(429)
    expect((await post(trusted, sampleReport(), hop('203.0.113.2'))).status).toBe(201)

    const untrusted = routes({ reportsPerMinute: 1, now: () => clock })
    expect((await post(untrusted, sampleReport(), hop('198.51.100.1'))).status).toBe(201)
    expect((await post(untrusted, sampleReport(), hop('198.51.100.2'))).status).toBe(429)
  })
})

describe('CORS on POST /v1/reports', () => {
  it('answers a preflight from any origin by default, without credentials', async () => {
    const response = await routes().request('/', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://crm.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('content-type')
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('allows listed origins and refuses others when an allowlist is set', async () => {
    const app = routes({ allowedOrigins: ['https://crm.example.com'] })
    const preflight = (origin: string) =>
      app.request('/', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    const allowed = await preflight('https://crm.example.com')
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://crm.example.com')
    expect(allowed.headers.get('vary')).toContain('Origin')
    const other = await preflight('https://evil.example.net')
    expect(other.headers.get('access-control-allow-origin')).toBeNull()

    const fromListed = await post(app, sampleReport(), { origin: 'https://crm.example.com' })
    expect(fromListed.status).toBe(201)
    expect(fromListed.headers.get('access-control-allow-origin')).toBe('https://crm.example.com')
    expect(fromListed.headers.get('access-control-expose-headers')).toContain('Retry-After')
    const fromOther = await post(app, sampleReport(), { origin: 'https://evil.example.net' })
    expect(fromOther.status).toBe(403)
    expect((await errorOf(fromOther)).code).toBe('forbidden')
    const withoutOrigin = await post(app, sampleReport())
    expect(withoutOrigin.status).toBe(201)
    expect(store.count).toBe(2)
  })

  it('lets the page read Retry-After on a 429 answer', async () => {
    const app = routes({ reportsPerMinute: 1, allowedOrigins: ['https://crm.example.com'] })
    const origin = { origin: 'https://crm.example.com' }
    expect((await post(app, sampleReport(), origin)).status).toBe(201)
    const limited = await post(app, sampleReport(), origin)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('access-control-allow-origin')).toBe('https://crm.example.com')
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(limited.headers.get('retry-after')).toBe('60')
  })
})

describe('admin GET /v1/reports', () => {
  const auth = { authorization: `Bearer ${TOKEN}` }

  it('refuses the list without the admin token and is off without a configured token', async () => {
    const noHeader = await routes().request('/')
    expect(noHeader.status).toBe(401)
    const wrong = await routes().request('/', { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    const off = await routes({ adminToken: null }).request('/', { headers: auth })
    expect(off.status).toBe(403)
    expect((await errorOf(off)).code).toBe('admin-disabled')
    const one = await routes().request('/SH-000000')
    expect(one.status).toBe(401)
  })

  it('lists reports newest first, filtered by app, since and limit', async () => {
    let clock = Date.parse('2026-11-20T10:00:00Z')
    await store.close()
    store = await FolderReportStorage.open({ dir, now: () => clock, log: () => {} })
    const app = routes()
    const ids: string[] = []
    for (const [index, name] of ['crm', 'hr', 'crm', 'crm'].entries()) {
      clock = Date.parse(`2026-11-2${index}T10:00:00Z`)
      const response = await post(app, sampleReport({ app: name }))
      ids.push(((await response.json()) as { id: string }).id)
    }
    const list = async (query: string) => {
      const response = await app.request(`/${query}`, { headers: auth })
      expect(response.status).toBe(200)
      return ((await response.json()) as { reports: StoredReport[] }).reports.map((r) => r.id)
    }
    expect(await list('')).toEqual([...ids].reverse())
    expect(await list('?app=crm')).toEqual([ids[3], ids[2], ids[0]])
    expect(await list('?since=2026-11-22T00:00:00Z')).toEqual([ids[3], ids[2]])
    expect(await list('?app=crm&limit=1')).toEqual([ids[3]])
  })

  it('pages past 500 with nextCursor: every report once, newest first', async () => {
    await store.close()
    const total = 1203
    const ids = Array.from(
      { length: total },
      (_, i) => `SH-${i.toString(32).toUpperCase().padStart(6, '0')}`,
    )
    const lines = ids.map(
      (id) =>
        `${JSON.stringify({ id, receivedAt: new Date().toISOString(), ...sampleReport() })}\n`,
    )
    await writeFile(join(dir, 'reports.jsonl'), lines.join(''))
    store = await FolderReportStorage.open({ dir, log: () => {} })
    const app = routes()
    const seen: string[] = []
    const cursors: (string | null)[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `?limit=500&cursor=${cursor}` : '?limit=500'
      const response = await app.request(`/${query}`, { headers: auth })
      expect(response.status).toBe(200)
      const page = (await response.json()) as { reports: StoredReport[]; nextCursor: string | null }
      seen.push(...page.reports.map((r) => r.id))
      cursor = page.nextCursor
      cursors.push(cursor)
    } while (cursor !== null && cursors.length < 10)
    expect(cursors.length).toBe(3)
    expect(seen).toEqual([...ids].reverse())
  })

  it('refuses a cursor that is not stored with 400 naming it', async () => {
    const response = await routes().request('/?cursor=SH-ZZZZZZ', { headers: auth })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).field).toBe('cursor')
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['since=yesterday', 'since'],
    ['since=2026-11-22T10:00:00', 'since'],
  ])('refuses the filter %s with 400 naming it', async (query, field) => {
    const response = await routes().request(`/?${query}`, { headers: auth })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).field).toBe(field)
  })

  it('shows one report by reference, also typed in lower case, and 404 for an unknown one', async () => {
    const app = routes()
    const report = sampleReport()
    const { id } = (await (await post(app, report)).json()) as { id: string }
    const found = await app.request(`/${id.toLowerCase()}`, { headers: auth })
    expect(found.status).toBe(200)
    expect(await found.json()).toMatchObject({ id, clientReportId: report.clientReportId })
    const absent = await app.request('/SH-ZZZZZZ', { headers: auth })
    expect(absent.status).toBe(404)
    expect((await errorOf(absent)).code).toBe('not-found')
    const garbage = await app.request('/not-a-reference', { headers: auth })
    expect(garbage.status).toBe(404)
  })
})

describe('POST /v1/reports through a real socket', () => {
  let server: ServerType | null = null
  afterEach(() => {
    server?.close()
    if (server && 'closeAllConnections' in server) server.closeAllConnections()
    server = null
  })

  async function listen(app: Hono): Promise<string> {
    const running = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    server = running
    await new Promise<void>((resolve) => running.once('listening', () => resolve()))
    return `http://127.0.0.1:${(running.address() as AddressInfo).port}/`
  }

  it('stores a report, refuses a chunked body over the limit with 413, and limits by socket address', async () => {
    const clock = Date.parse('2026-11-22T11:00:00Z')
    const url = await listen(routes({ maxBodyBytes: 4096, reportsPerMinute: 2, now: () => clock }))
    const sent = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleReport()),
    })
    expect(sent.status).toBe(201)

    const big = new TextEncoder().encode(
      JSON.stringify({ ...sampleReport(), comment: 'y'.repeat(6000) }),
    )
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < big.length; at += 1000) controller.enqueue(big.slice(at, at + 1000))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect((await errorOf(chunked)).code).toBe('payload-too-large')

    const third = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleReport()),
    })
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('30')
    expect(store.count).toBe(1)
  })
})

describe('support inbox routes', () => {
  const auth = { authorization: `Bearer ${TOKEN}` }
  const NOW = Date.parse('2026-11-22T14:05:00Z')
  const inbox = () => routes({ now: () => NOW })
  const add = async (overrides: Parameters<typeof sampleReport>[0]) =>
    (await store.add(sampleReport(overrides))).id
  const markHandled = (app: Hono, id: string, body: unknown, headers = auth) =>
    app.request(`/${id}/handled`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('refuses every inbox route without the admin token', async () => {
    const app = inbox()
    const id = await add({})
    for (const response of [
      await app.request('/export'),
      await app.request('/counts?since=2026-11-22&until=2026-11-23'),
      await markHandled(app, id, { handled: true }, { authorization: 'Bearer nope' }),
    ]) {
      expect(response.status).toBe(401)
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
    const off = await routes({ adminToken: null }).request('/export', { headers: auth })
    expect(off.status).toBe(403)
    expect(await store.get(id)).toMatchObject({ handled: null })
  })

  it('exports CSV that Excel opens as UTF-8 and that cannot run a formula', async () => {
    const quoted = await add({ comment: 'said "no"\nthen left, again' })
    const cyrillic = await add({ comment: 'Не открывается отчёт' })
    const formula = await add({ comment: '=HYPERLINK("http://evil.example","click")' })
    const response = await inbox().request('/export?format=csv', { headers: auth })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="reports-20261122-1405.csv"',
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.subarray(3))
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'reference,receivedAt,app,source,kind,httpStatus,url,comment,handledAt,handledBy',
    )
    // Newest first; the quoted comment's newline stays inside its quotes.
    expect(lines[1]).toMatch(
      new RegExp(
        `^${formula},[^,]+,crm,browser,http-error,503,https://crm.example.com/login,"'=HYPERLINK\\(""http://evil.example"",""click""\\)",,$`,
      ),
    )
    expect(lines[2]).toMatch(new RegExp(`^${cyrillic},.*,Не открывается отчёт,,$`))
    expect(lines[3]).toMatch(new RegExp(`^${quoted},.*,"said ""no""\nthen left, again",,$`))
    expect(lines[4]).toBe('')
    expect(lines).toHaveLength(5)
  })

  it('exports the matching stored records as a JSON array, filters applied', async () => {
    const crm = await add({ app: 'crm' })
    await add({ app: 'hr' })
    const response = await inbox().request('/export?format=json&app=crm', { headers: auth })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="reports-20261122-1405.json"',
    )
    const body = (await response.json()) as StoredReport[]
    expect(body).toEqual([await store.get(crm)])
    const none = await inbox().request('/export?format=json&app=nobody', { headers: auth })
    expect(await none.json()).toEqual([])
  })

  it('marks a report handled and open again, and the list filters by it', async () => {
    const app = inbox()
    const open = await add({})
    const done = await add({})
    const marked = await markHandled(app, done.toLowerCase(), { handled: true })
    expect(marked.status).toBe(200)
    expect(await marked.json()).toMatchObject({
      id: done,
      handled: { at: '2026-11-22T14:05:00.000Z', by: 'admin' },
    })
    const list = async (query: string) =>
      (
        (await (await app.request(`/${query}`, { headers: auth })).json()) as {
          reports: StoredReport[]
        }
      ).reports.map((r) => r.id)
    expect(await list('?handled=handled')).toEqual([done])
    expect(await list('?handled=open')).toEqual([open])
    const reopened = await markHandled(app, done, { handled: false })
    expect(((await reopened.json()) as StoredReport).handled).toBeNull()
    expect(await list('?handled=open')).toEqual([done, open])

    const unknown = await markHandled(app, 'SH-000000', { handled: true })
    expect(unknown.status).toBe(404)
    const bad = await markHandled(app, done, { handled: 'yes' })
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid-field', field: 'handled' })
  })

  it('counts reports per bucket for a chart', async () => {
    let clock = Date.parse('2026-11-22T10:30:00Z')
    await store.close()
    store = await FolderReportStorage.open({ dir, now: () => clock, log: () => {} })
    await store.add(sampleReport())
    clock = Date.parse('2026-11-22T12:10:00Z')
    await store.add(sampleReport())
    const response = await inbox().request(
      '/counts?since=2026-11-22T10:00:00Z&until=2026-11-22T13:00:00Z&bucket=3600&app=crm&kind=http-error',
      { headers: auth },
    )
    expect(response.status).toBe(200)
    const hour = Date.parse('2026-11-22T10:00:00Z')
    expect(await response.json()).toEqual({
      bucketMs: 3_600_000,
      buckets: [
        { startMs: hour, count: 1 },
        { startMs: hour + 3_600_000, count: 0 },
        { startMs: hour + 7_200_000, count: 1 },
      ],
    })
  })

  it('refuses a bad filter with 400 naming it', async () => {
    const app = inbox()
    const cases: [string, string][] = [
      ['/?kind=crash', 'kind'],
      ['/?until=yesterday', 'until'],
      ['/?since=2026-11-22&until=2026-11-21', 'until'],
      ['/?handled=maybe', 'handled'],
      [`/?q=${'x'.repeat(201)}`, 'q'],
      ['/export?format=xlsx', 'format'],
      ['/export?kind=crash', 'kind'],
      ['/counts?until=2026-11-23', 'since'],
      ['/counts?since=2026-11-22', 'until'],
      ['/counts?since=2026-11-22&until=2026-11-23&bucket=60', 'bucket'],
      ['/counts?since=2026-11-22&until=2026-11-23&bucket=soon', 'bucket'],
    ]
    for (const [path, field] of cases) {
      const response = await app.request(path, { headers: auth })
      expect(response.status, path).toBe(400)
      expect(await errorOf(response), path).toMatchObject({ code: 'invalid-field', field })
    }
  })
})
