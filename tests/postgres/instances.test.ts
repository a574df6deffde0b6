/**
 * Three real `startup-help serve` processes on one real PostgreSQL: what they share, and that
 * nothing acknowledged is lost when one of them is killed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/storage/postgres/migrations.js'
import { runCli } from '../support/cli.js'
import { startPostgres, type TestPostgres } from '../support/postgres.js'
import { sampleReport } from '../support/report-fixture.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

const TOKEN = 'several-instances-token'
const auth = { Authorization: `Bearer ${TOKEN}` }

let postgres: TestPostgres
let url: string
let dir: string
let db: pg.Pool
const instances: ServiceProcess[] = []

/** One instance as on its own host: its own status file and data folder. */
async function startInstance(name: string, statusText: string): Promise<ServiceProcess> {
  const home = join(dir, name)
  mkdirSync(home, { recursive: true })
  writeFileSync(join(home, 'status.json'), statusText)
  const service = await startService(
    ['--status', join(home, 'status.json'), '--data', join(home, 'data'), '--database', url],
    { env: { STARTUP_HELP_ADMIN_TOKEN: TOKEN } },
  )
  instances.push(service)
  return service
}

const statusOf = async (service: ServiceProcess) =>
  (await (await fetchWithin(`${service.url}/v1/status?lang=en`)).json()) as {
    message: { text: string } | null
  }

const postReport = (service: ServiceProcess, report: object) =>
  fetchWithin(`${service.url}/v1/reports`, 10_000, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(report),
  })

const putDocument = (service: ServiceProcess, document: object, ifMatch: string) =>
  fetchWithin(`${service.url}/v1/status/document`, 10_000, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': ifMatch },
    body: JSON.stringify(document),
  })

let a: ServiceProcess
let b: ServiceProcess
let c: ServiceProcess

beforeAll(async () => {
  postgres = await startPostgres()
  url = await postgres.createDatabase()
  db = new pg.Pool({ connectionString: url, max: 2 })
  dir = mkdtempSync(join(tmpdir(), 'sh-instances-'))
  // Started at the same moment on an empty database: the migrations run once, under the lock.
  ;[a, b, c] = (await Promise.all([
    startInstance('a', '{"userMessage":"seeded"}'),
    startInstance('b', '{"userMessage":"seeded"}'),
    startInstance('c', '{"userMessage":"an old copy on host c"}'),
  ])) as [ServiceProcess, ServiceProcess, ServiceProcess]
})

afterAll(async () => {
  for (const service of instances) await service.kill()
  await db?.end()
  await postgres?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('several instances on one PostgreSQL', () => {
  it('start together on an empty database and apply the schema once', async () => {
    const { rows } = await db.query('SELECT version FROM startup_help_migrations')
    expect(rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })))
    for (const service of [a, b, c]) {
      expect((await fetchWithin(`${service.url}/healthz`)).status).toBe(200)
    }
  })

  it('serve the database document, and a host whose file differs says so instead of serving it', async () => {
    // Which of the three seeded the database is a race; the others' files are only compared.
    const { rows } = await db.query<{ text: string }>('SELECT text FROM startup_help_status')
    const seeded = JSON.parse(rows[0]?.text ?? 'null') as { userMessage: string }
    for (const service of [a, b, c]) {
      expect((await statusOf(service)).message?.text).toBe(seeded.userMessage)
    }
    const differing = seeded.userMessage === 'seeded' ? c : a
    const health = (await (await fetchWithin(`${differing.url}/healthz`)).json()) as {
      database: { reachable: boolean; localStatusFile: string }
    }
    expect(health.database).toEqual({ reachable: true, reason: null, localStatusFile: 'differs' })
    expect(differing.output()).toContain('differs from the status in the database')
  })

  it('serve a save made on one instance from all the others', async () => {
    const etag = (
      await fetchWithin(`${a.url}/v1/status/document`, 5000, { headers: auth })
    ).headers.get('etag')
    const put = await putDocument(a, { userMessage: 'Upgrade until 14:00' }, etag ?? '')
    expect(put.status).toBe(200)
    // LISTEN/NOTIFY brings it in milliseconds; the poll only bounds a broken test.
    await eventually(async () => {
      const seen = await Promise.all([b, c].map(statusOf))
      return seen.every((status) => status.message?.text === 'Upgrade until 14:00')
    }, 5000)
    const history = await db.query('SELECT count(*)::int AS n FROM startup_help_status_history')
    expect(history.rows[0].n).toBeGreaterThanOrEqual(1)
  })

  it('let exactly one of simultaneous If-Match saves on different instances win', async () => {
    const etag =
      (await fetchWithin(`${b.url}/v1/status/document`, 5000, { headers: auth })).headers.get(
        'etag',
      ) ?? ''
    const answers = await Promise.all(
      [a, b, c].map((service, index) =>
        putDocument(service, { userMessage: `writer ${index}` }, etag),
      ),
    )
    const codes = answers.map((answer) => answer.status).sort()
    expect(codes).toEqual([200, 412, 412])
    const winner = answers.findIndex((answer) => answer.status === 200)
    await eventually(async () => {
      const seen = await Promise.all([a, b, c].map(statusOf))
      return seen.every((status) => status.message?.text === `writer ${winner}`)
    })
  })

  it('take an admin edit from the CLI with --database', async () => {
    const result = await runCli(['message', 'set', 'Set from the CLI', '--database', url])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    await eventually(async () => {
      const seen = await Promise.all([a, b, c].map(statusOf))
      return seen.every((status) => status.message?.text === 'Set from the CLI')
    })
  })

  it('store one report sent to two instances at once, under one reference', async () => {
    const report = sampleReport()
    const [first, second] = await Promise.all([postReport(a, report), postReport(b, report)])
    expect([first.status, second.status]).toEqual([201, 201])
    const ids = [
      ((await first.json()) as { id: string }).id,
      ((await second.json()) as { id: string }).id,
    ]
    expect(ids[0]).toBe(ids[1])
    const { rows } = await db.query(
      'SELECT id FROM startup_help_reports WHERE client_report_id = $1',
      [report.clientReportId],
    )
    expect(rows).toEqual([{ id: ids[0] }])
    const shown = await fetchWithin(`${c.url}/v1/reports/${ids[0]}`, 5000, { headers: auth })
    expect(((await shown.json()) as { clientReportId: string }).clientReportId).toBe(
      report.clientReportId,
    )
  })

  it('lose no acknowledged report when an instance is killed with SIGKILL during a flood', async () => {
    const victim = await startInstance('victim', '{}')
    const acknowledged: string[] = []
    let stop = false
    const sender = async (target: ServiceProcess) => {
      while (!stop) {
        const report = sampleReport()
        try {
          const answer = await postReport(target, report)
          if (answer.status === 201) acknowledged.push(report.clientReportId)
        } catch {
          // The killed instance drops connections: those reports were never acknowledged.
          if (target === victim) return
        }
      }
    }
    const senders = [
      ...Array.from({ length: 12 }, () => sender(victim)),
      ...Array.from({ length: 4 }, () => sender(a)),
    ]
    await eventually(() => acknowledged.length >= 150, 20_000)
    await victim.kill()
    await eventually(() => acknowledged.length >= 250, 20_000)
    stop = true
    await Promise.all(senders)
    const { rows } = await db.query<{ client_report_id: string }>(
      'SELECT client_report_id FROM startup_help_reports WHERE client_report_id = ANY($1)',
      [acknowledged],
    )
    const stored = new Set(rows.map((row) => row.client_report_id))
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
    expect(stored.size).toBe(new Set(acknowledged).size)
  })
})
