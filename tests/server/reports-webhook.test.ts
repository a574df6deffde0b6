import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredReport } from '../../formats/report.js'
import { createWebhookForwarder, type WebhookForwarder } from '../../server/reports/webhook.js'
import { reportRoutes } from '../../server/routes/reports.js'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { sampleReport } from '../support/report-fixture.js'

interface Hook {
  url: string
  received: { at: number; body: StoredReport; type: string | undefined }[]
  server: Server
}

/** A real webhook receiver that answers `failures` times with 503, then 204. */
async function startHook(failures: number, hold?: Promise<void>): Promise<Hook> {
  const received: Hook['received'] = []
  let calls = 0
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      calls += 1
      if (hold) await hold
      if (calls <= failures) {
        response.writeHead(503).end('down')
        return
      }
      received.push({
        at: Date.now(),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as StoredReport,
        type: request.headers['content-type'],
      })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, received, server }
}

let dir: string
let store: FolderReportStorage
let hook: Hook | null = null
let webhook: WebhookForwarder | null = null
let logs: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-webhook-'))
  store = await FolderReportStorage.open({ dir, log: () => {} })
  logs = []
})

afterEach(async () => {
  webhook?.close()
  if (hook) {
    hook.server.close()
    hook.server.closeAllConnections()
  }
  await store.close()
  await rm(dir, { recursive: true, force: true })
})

const postReport = (app: ReturnType<typeof reportRoutes>) =>
  app.request('/', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sampleReport()),
  })

describe('webhook forwarding', () => {
  it('retries a failing webhook with growing waits until it takes the stored report', async () => {
    hook = await startHook(2)
    webhook = createWebhookForwarder({ url: hook.url, baseDelayMs: 50, log: (l) => logs.push(l) })
    const app = reportRoutes({ store, adminToken: null, webhook })
    const started = Date.now()
    const response = await postReport(app)
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }
    await webhook.idle()
    expect(hook.received).toHaveLength(1)
    const [delivery] = hook.received
    // The webhook gets the record as stored; the inbox's handled mark comes later, apart from it.
    const { handled, ...stored } = (await store.get(id)) ?? { handled: undefined }
    expect(handled).toBeNull()
    expect(delivery?.body).toEqual(stored)
    expect(delivery?.type).toBe('application/json')
    // Two failures: waits of 50 ms then 100 ms before the third try.
    expect((delivery?.at ?? 0) - started).toBeGreaterThanOrEqual(150)
  })

  it('answers 201 before a slow webhook answers, and the report is already stored', async () => {
    let release = () => {}
    const hold = new Promise<void>((resolve) => {
      release = resolve
    })
    hook = await startHook(0, hold)
    webhook = createWebhookForwarder({ url: hook.url, baseDelayMs: 50 })
    const app = reportRoutes({ store, adminToken: null, webhook })
    const response = await postReport(app)
    expect(response.status).toBe(201)
    expect(store.count).toBe(1)
    expect(hook.received).toHaveLength(0)
    expect(webhook.pending).toBe(1)
    release()
    await webhook.idle()
    expect(hook.received).toHaveLength(1)
  })

  it('gives up after the bounded number of tries, logs it, and keeps the report stored', async () => {
    hook = await startHook(100)
    webhook = createWebhookForwarder({
      url: hook.url,
      attempts: 3,
      baseDelayMs: 20,
      log: (line) => logs.push(line),
    })
    const app = reportRoutes({ store, adminToken: null, webhook })
    const response = await postReport(app)
    const { id } = (await response.json()) as { id: string }
    await webhook.idle()
    expect(hook.received).toHaveLength(0)
    expect(logs).toEqual([`reports: webhook gave up on ${id} after 3 tries (HTTP 503)`])
    expect(await store.get(id)).not.toBeNull()
  })

  it('does not forward a replayed report a second time', async () => {
    hook = await startHook(0)
    webhook = createWebhookForwarder({ url: hook.url })
    const app = reportRoutes({ store, adminToken: null, webhook })
    const report = JSON.stringify(sampleReport())
    for (let index = 0; index < 2; index += 1) {
      const response = await app.request('/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: report,
      })
      expect(response.status).toBe(201)
    }
    await webhook.idle()
    expect(hook.received).toHaveLength(1)
  })

  it('survives a webhook address where nothing listens', async () => {
    const closed = await startHook(0)
    closed.server.close()
    webhook = createWebhookForwarder({
      url: closed.url,
      attempts: 2,
      baseDelayMs: 10,
      log: (line) => logs.push(line),
    })
    const app = reportRoutes({ store, adminToken: null, webhook })
    expect((await postReport(app)).status).toBe(201)
    await webhook.idle()
    expect(logs[0]).toMatch(/gave up on SH-\w{6} after 2 tries/)
  })
})
