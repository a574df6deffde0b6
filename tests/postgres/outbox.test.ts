/**
 * Webhook delivery through the outbox table, with a real PostgreSQL and a real HTTP receiver:
 * one claim per row across instances, backoff then dead-letter, and delivery after a crash.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../server/storage/postgres/database.js'
import { PostgresOutbox } from '../../server/storage/postgres/postgres-outbox.js'
import { PostgresReportStorage } from '../../server/storage/postgres/postgres-report-storage.js'
import { runCli } from '../support/cli.js'
import { startPostgres, type TestPostgres } from '../support/postgres.js'
import { sampleReport } from '../support/report-fixture.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

/** A webhook receiver that records the report ids it got and answers `status()` (503 or 204). */
async function startReceiver(status: () => number) {
  const received: string[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      received.push((JSON.parse(body) as { id: string }).id)
      res.writeHead(status()).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let postgres: TestPostgres
const cleanups: (() => Promise<unknown> | unknown)[] = []

beforeAll(async () => {
  postgres = await startPostgres()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(() => postgres.stop())

async function database(url: string): Promise<Database> {
  const db = await openDatabase({ url, log: () => {} })
  cleanups.push(() => db.close())
  return db
}

describe('webhook outbox', () => {
  it('delivers every report once when three instances claim from the same outbox', async () => {
    const url = await postgres.createDatabase()
    const receiver = await startReceiver(() => 204)
    cleanups.push(receiver.close)
    const store = await PostgresReportStorage.open({
      db: await database(url),
      outbox: true,
      log: () => {},
    })
    const ids: string[] = []
    for (let index = 0; index < 40; index += 1) ids.push((await store.add(sampleReport())).id)
    const workers = await Promise.all(
      [1, 2, 3].map(async () => {
        const worker = new PostgresOutbox({
          db: await database(url),
          url: receiver.url,
          batchSize: 3,
        })
        cleanups.push(() => worker.close())
        return worker.start()
      }),
    )
    await eventually(async () => {
      const delivered = await (workers[0] as PostgresOutbox).list('delivered')
      return delivered.length === ids.length
    }, 15_000)
    expect([...receiver.received].sort()).toEqual([...ids].sort())
  })

  it('retries with growing waits, then keeps the delivery as dead for admins to see', async () => {
    const url = await postgres.createDatabase()
    const receiver = await startReceiver(() => 503)
    cleanups.push(receiver.close)
    const db = await database(url)
    const store = await PostgresReportStorage.open({ db, outbox: true, log: () => {} })
    const { id } = await store.add(sampleReport())
    const logs: string[] = []
    const worker = new PostgresOutbox({
      db,
      url: receiver.url,
      attempts: 3,
      baseDelayMs: 100,
      pollIntervalMs: 50,
      log: (line) => logs.push(line),
    }).start()
    cleanups.push(() => worker.close())
    await eventually(async () => (await worker.list('dead')).length === 1, 15_000)
    const [dead] = await worker.list('dead')
    expect(dead).toMatchObject({ reportId: id, state: 'dead', attempts: 3, lastError: 'HTTP 503' })
    expect(receiver.received).toEqual([id, id, id])
    expect(await worker.list('pending')).toEqual([])
    expect(logs.join('\n')).toContain(`gave up on ${id} after 3 tries`)
    const cli = await runCli(['reports', 'deliveries', '--state', 'dead', '--database', url])
    expect(cli.code).toBe(0)
    expect(cli.stdout).toMatch(new RegExp(`^${id}  dead +3 tries .*\\(HTTP 503\\)$`, 'm'))
  })

  it('delivers a report after the instance that stored it was killed, and shows it to admins', async () => {
    const url = await postgres.createDatabase()
    let up = false
    const receiver = await startReceiver(() => (up ? 204 : 503))
    cleanups.push(receiver.close)
    const dir = mkdtempSync(join(tmpdir(), 'sh-outbox-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(join(dir, 'status.json'), '{}')
    const serve = async () => {
      const service: ServiceProcess = await startService(
        ['--status', join(dir, 'status.json'), '--data', join(dir, 'data'), '--database', url],
        { env: { STARTUP_HELP_WEBHOOK_URL: receiver.url, STARTUP_HELP_ADMIN_TOKEN: 'hook-token' } },
      )
      cleanups.push(() => service.kill())
      return service
    }
    const first = await serve()
    const report = sampleReport()
    const posted = await fetchWithin(`${first.url}/v1/reports`, 5000, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    })
    expect(posted.status).toBe(201)
    const { id } = (await posted.json()) as { id: string }
    // The webhook refused the first try; the instance dies before the retry.
    await eventually(() => receiver.received.includes(id))
    await first.kill()
    up = true
    const second = await serve()
    await eventually(() => receiver.received.filter((got) => got === id).length === 2, 15_000)
    const auth = { Authorization: 'Bearer hook-token' }
    await eventually(async () => {
      const answer = await fetchWithin(
        `${second.url}/v1/reports/deliveries?state=delivered`,
        5000,
        {
          headers: auth,
        },
      )
      const { deliveries } = (await answer.json()) as { deliveries: { reportId: string }[] }
      return deliveries.some((delivery) => delivery.reportId === id)
    })
    const bad = await fetchWithin(`${second.url}/v1/reports/deliveries?state=lost`, 5000, {
      headers: auth,
    })
    expect(bad.status).toBe(400)
  })
})
