import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SECURITY_HEADERS } from '../../server/middleware/security-headers.js'
import { type RunningServer, startServer } from '../../server/node.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { sampleReport } from '../support/report-fixture.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'admin-secret-token'
const NOW = Date.parse('2026-11-22T10:30:00Z')

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
  /** Local port of the client socket: equal ports mean the same kept-alive connection. */
  socketPort: number
}

interface Ask {
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** One request over `agent` with node:http, so no header is added that the test did not write. */
function ask(agent: Agent, base: string, path: string, options: Ask = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { agent, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        // Read now: at 'end' a kept-alive socket has gone back to the agent.
        const socketPort = (res.socket.address() as AddressInfo).port
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers[name] = value
          }
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body,
            socketPort,
          })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)))
}

let fx: StatusFixture
let running: RunningServer
let honoOnly: ServerType
let honoOnlyUrl: string
let agent: Agent
let honoAgent: Agent

beforeEach(async () => {
  fx = statusFixture({
    helpText: { en: 'Call the desk', ru: 'Позвоните', 'pt-BR': 'Ligue' },
    userMessage: 'Upgrade until 11:00',
    startsAt: '2026-11-22T10:00:00Z',
    expires: '2026-11-22T11:00:00Z',
    apps: { crm: { helpText: 'CRM: call Anna' } },
  })
  running = await startServer({
    statusFile: fx.file,
    dataDir: fx.dataDir,
    port: 0,
    host: '127.0.0.1',
    adminToken: TOKEN,
    reports: readReportsConfig({}),
    now: () => NOW,
    log: () => {},
  })
  // The same Hono app behind @hono/node-server alone: how every answer went before the fast path.
  honoOnly = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: running.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(server),
    )
  })
  honoOnlyUrl = `http://127.0.0.1:${(honoOnly.address() as AddressInfo).port}`
  // One socket each, kept alive, so every request of a test shares a connection.
  agent = new Agent({ keepAlive: true, maxSockets: 1 })
  honoAgent = new Agent({ keepAlive: true, maxSockets: 1 })
})

afterEach(async () => {
  agent.destroy()
  honoAgent.destroy()
  await new Promise<void>((resolve) => {
    honoOnly.close(() => resolve())
    if ('closeAllConnections' in honoOnly) honoOnly.closeAllConnections()
  })
  await running.close()
  fx.cleanup()
})

const STATUS_CASES: Array<{ name: string; path: string; ask?: Ask; status: number }> = [
  { name: 'a 200 in the asked language', path: '/v1/status?lang=en', status: 200 },
  { name: 'a 200 for an app', path: '/v1/status?app=crm&lang=pt-BR', status: 200 },
  { name: 'a percent-encoded app id', path: '/v1/status?app=%63rm&lang=en', status: 200 },
  { name: 'no query at all', path: '/v1/status', status: 200 },
  {
    name: 'the language from Accept-Language',
    path: '/v1/status?app=crm',
    ask: { headers: { 'accept-language': 'ru-RU;q=1, ru;q=0.9' } },
    status: 200,
  },
  {
    name: 'an Accept-Language that is no language tag',
    path: '/v1/status',
    ask: { headers: { 'accept-language': '*' } },
    status: 200,
  },
  { name: 'a 400 naming a bad app', path: '/v1/status?app=Bad!&lang=en', status: 400 },
  { name: 'a 400 naming a bad lang', path: '/v1/status?lang=english_', status: 400 },
  { name: 'a 400 for an empty lang', path: '/v1/status?lang=', status: 400 },
  { name: 'a HEAD', path: '/v1/status?lang=en', ask: { method: 'HEAD' }, status: 200 },
]

describe('the GET /v1/status fast path of startServer', () => {
  for (const c of STATUS_CASES) {
    it(`answers ${c.name} exactly as the Hono app does`, async () => {
      const fast = await ask(agent, running.url, c.path, c.ask)
      const viaHono = await ask(honoAgent, honoOnlyUrl, c.path, c.ask)
      const inProcess = await running.app.request(c.path, {
        method: c.ask?.method ?? 'GET',
        headers: c.ask?.headers ?? {},
      })
      expect(fast.status).toBe(c.status)
      expect(fast.status).toBe(viaHono.status)
      expect(fast.status).toBe(inProcess.status)
      expect(fast.body).toBe(viaHono.body)
      expect(fast.body).toBe(await inProcess.text())
      // Over a socket everything but the clock is the same, transport headers included.
      expect(without(fast.headers, ['date'])).toEqual(without(viaHono.headers, ['date']))
      // In process there is no transport: no Date, Connection, Keep-Alive or Content-Length.
      const transport = ['date', 'connection', 'keep-alive', 'content-length']
      expect(without(fast.headers, transport)).toEqual(
        Object.fromEntries(inProcess.headers.entries()),
      )
      expect(fast.headers.date).toMatch(/GMT$/)
      expect(fast.headers['access-control-allow-origin']).toBe('*')
    })
  }

  it('answers 304 to the ETag it gave, also weak or in a list, with the same headers', async () => {
    const first = await ask(agent, running.url, '/v1/status?app=crm&lang=en')
    const etag = first.headers.etag ?? ''
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const ask304: Ask = { headers: { 'if-none-match': ifNoneMatch } }
      const fast = await ask(agent, running.url, '/v1/status?app=crm&lang=en', ask304)
      const viaHono = await ask(honoAgent, honoOnlyUrl, '/v1/status?app=crm&lang=en', ask304)
      expect(fast.status).toBe(304)
      expect(fast.body).toBe('')
      expect(without(fast.headers, ['date'])).toEqual(without(viaHono.headers, ['date']))
      expect(fast.headers.etag).toBe(etag)
      expect(fast.socketPort).toBe(first.socketPort)
    }
    const stale = await ask(agent, running.url, '/v1/status?app=crm&lang=en', {
      headers: { 'if-none-match': '"something-old"' },
    })
    expect(stale.status).toBe(200)
    expect(stale.body).toBe(first.body)
  })

  it('serves the JSON with serverTime first and a Cache-Control capped by the expiry', async () => {
    const res = await ask(agent, running.url, '/v1/status?lang=en')
    expect(res.body.startsWith('{"serverTime":"2026-11-22T10:30:00.000Z",')).toBe(true)
    const body = JSON.parse(res.body) as { message: { text: string } | null; helpText: string }
    expect(body.message?.text).toBe('Upgrade until 11:00')
    expect(body.helpText).toBe('Call the desk')
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)))
    expect(res.headers.vary).toBeUndefined()
  })

  it('hands every other route to Hono on the same kept-alive socket', async () => {
    const status = await ask(agent, running.url, '/v1/status?lang=en')
    const health = await ask(agent, running.url, '/healthz')
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, statusFile: { valid: true } })
    // One list of security headers: the fast path's status answer and what the middleware sets
    // on the routes Hono answers carry the same.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect.soft(status.headers[name], `status: ${name}`).toBe(value)
      expect.soft(health.headers[name], `healthz: ${name}`).toBe(value)
    }

    const document = await ask(agent, running.url, '/v1/status/document', {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(document.status).toBe(200)
    expect(JSON.parse(document.body)).toMatchObject({ userMessage: 'Upgrade until 11:00' })
    const unauthorized = await ask(agent, running.url, '/v1/status/document')
    expect(unauthorized.status).toBe(401)

    const report = await ask(agent, running.url, '/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleReport()),
    })
    expect(report.status).toBe(201)
    expect(JSON.parse(report.body)).toMatchObject({ id: expect.stringMatching(/^SH-/) })

    const preflight = await ask(agent, running.url, '/v1/status', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, OPTIONS')

    // Paths that only start like the status path are not the status answer.
    const trailing = await ask(agent, running.url, '/v1/statusx')
    expect(trailing.status).toBe(404)
    expect(JSON.parse(trailing.body)).toMatchObject({ error: { code: 'not-found' } })
    const post = await ask(agent, running.url, '/v1/status?lang=en', { method: 'POST', body: '' })
    expect(post.status).toBe(404)

    const again = await ask(agent, running.url, '/v1/status?lang=en')
    expect(again.body).toBe(status.body)
    const ports = new Set(
      [status, health, document, unauthorized, report, preflight, trailing, post, again].map(
        (answer) => answer.socketPort,
      ),
    )
    expect(ports.size).toBe(1)
  })

  it('follows a new status file version like the Hono route does', async () => {
    const before = await ask(agent, running.url, '/v1/status?lang=en')
    fx.write({ helpText: 'A new number' })
    running.store.reload()
    const after = await ask(agent, running.url, '/v1/status?lang=en', {
      headers: { 'if-none-match': before.headers.etag ?? '' },
    })
    expect(after.status).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(JSON.parse(after.body)).toMatchObject({ helpText: 'A new number', message: null })
    const viaHono = await ask(honoAgent, honoOnlyUrl, '/v1/status?lang=en')
    expect(after.body).toBe(viaHono.body)
    expect(after.headers.etag).toBe(viaHono.headers.etag)
  })
})
