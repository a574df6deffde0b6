/**
 * The database goes away under load and comes back: the service answers clear 503s meanwhile,
 * keeps serving the status it has, and recovers by itself, with no acknowledged report lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, type TestPostgres } from '../support/postgres.js'
import { sampleReport } from '../support/report-fixture.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

let postgres: TestPostgres
let url: string
let dir: string
let service: ServiceProcess

beforeAll(async () => {
  postgres = await startPostgres()
  url = await postgres.createDatabase()
  dir = mkdtempSync(join(tmpdir(), 'sh-pg-outage-'))
  writeFileSync(join(dir, 'status.json'), '{"userMessage":"Served from memory"}')
  service = await startService(
    ['--status', join(dir, 'status.json'), '--data', join(dir, 'data'), '--database', url],
    { env: { STARTUP_HELP_ADMIN_TOKEN: 'outage-token' } },
  )
})

afterAll(async () => {
  await service?.kill()
  await postgres?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a database restart during a report flood', () => {
  it('answers 503 with Retry-After while it is down, recovers without a restart, and loses no acknowledged report', async () => {
    const acknowledged: string[] = []
    const refusals: { code: string; retryAfter: string | null }[] = []
    const unexpected: number[] = []
    let stop = false
    const sender = async () => {
      while (!stop) {
        const report = sampleReport()
        const answer = await fetchWithin(`${service.url}/v1/reports`, 15_000, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(report),
        })
        const body = (await answer.json()) as { error?: { code: string } }
        if (answer.status === 201) acknowledged.push(report.clientReportId)
        else if (answer.status === 503) {
          refusals.push({
            code: body.error?.code ?? '',
            retryAfter: answer.headers.get('retry-after'),
          })
          // As the browser's queue does, only much sooner.
          await new Promise((resolve) => setTimeout(resolve, 50))
        } else unexpected.push(answer.status)
      }
    }
    const senders = Array.from({ length: 8 }, sender)
    try {
      await eventually(() => acknowledged.length >= 100, 20_000)

      await postgres.halt()
      await eventually(() => refusals.length >= 5, 20_000)
      const status = await fetchWithin(`${service.url}/v1/status?lang=en`)
      expect(status.status).toBe(200)
      expect(((await status.json()) as { message: { text: string } }).message.text).toBe(
        'Served from memory',
      )
      // The status follower notices at its next re-read (every second).
      await eventually(async () => {
        const health = await fetchWithin(`${service.url}/healthz`)
        const body = (await health.json()) as {
          reports: { writable: boolean }
          database: { reachable: boolean }
        }
        return health.status === 503 && !body.reports.writable && !body.database.reachable
      })

      await postgres.resume()
      const before = acknowledged.length
      await eventually(() => acknowledged.length >= before + 100, 30_000)
    } finally {
      stop = true
      await Promise.allSettled(senders)
    }

    expect(unexpected).toEqual([])
    expect(refusals.every((r) => r.code === 'store-unavailable' && r.retryAfter !== null)).toBe(
      true,
    )
    await eventually(async () => (await fetchWithin(`${service.url}/healthz`)).status === 200)
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    try {
      const { rows } = await db.query<{ client_report_id: string }>(
        'SELECT client_report_id FROM startup_help_reports WHERE client_report_id = ANY($1)',
        [acknowledged],
      )
      expect(new Set(rows.map((row) => row.client_report_id))).toEqual(new Set(acknowledged))
    } finally {
      await db.end()
    }
  })

  it('refuses an admin save while the database is down, then takes it once it is back', async () => {
    const auth = { Authorization: 'Bearer outage-token', 'Content-Type': 'application/json' }
    const save = (text: string) =>
      fetchWithin(`${service.url}/v1/status/document`, 15_000, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ userMessage: text }),
      })
    await postgres.halt()
    try {
      const refused = await save('while down')
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).not.toBeNull()
      expect(await refused.json()).toMatchObject({ error: { code: 'store-unavailable' } })
    } finally {
      await postgres.resume()
    }
    await eventually(async () => (await save('after the restart')).status === 200, 15_000)
    const status = await fetchWithin(`${service.url}/v1/status?lang=en`)
    expect(((await status.json()) as { message: { text: string } }).message.text).toBe(
      'after the restart',
    )
  })
})
