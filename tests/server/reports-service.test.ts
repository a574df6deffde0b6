import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../server/node.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { sampleReport } from '../support/report-fixture.js'

const TOKEN = 'service-admin-token'
let dir: string
let running: RunningServer | null = null

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-service-'))
  await writeFile(join(dir, 'status.json'), '{"helpText": "Call 123"}\n')
})

afterEach(async () => {
  await running?.close()
  running = null
  await rm(dir, { recursive: true, force: true })
})

async function start(env: Record<string, string>): Promise<string> {
  running = await startServer({
    statusFile: join(dir, 'status.json'),
    dataDir: join(dir, 'data'),
    port: 0,
    host: '127.0.0.1',
    adminToken: TOKEN,
    reports: readReportsConfig(env),
    log: () => {},
  })
  return running.url
}

describe('the report API inside the whole service', () => {
  it('answers a preflight, stores a report, and shows it to the admin by its Location', async () => {
    const url = await start({ STARTUP_HELP_ALLOWED_ORIGINS: 'https://crm.example.com' })
    const preflight = await fetch(`${url}/v1/reports`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://crm.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://crm.example.com')
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()

    const report = sampleReport()
    const posted = await fetch(`${url}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://crm.example.com' },
      body: JSON.stringify(report),
    })
    expect(posted.status).toBe(201)
    const { id } = (await posted.json()) as { id: string }
    expect(posted.headers.get('location')).toBe(`/v1/reports/${id}`)

    const shown = await fetch(`${url}${posted.headers.get('location')}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(shown.status).toBe(200)
    expect(await shown.json()).toMatchObject({ id, clientReportId: report.clientReportId })

    const listed = await fetch(`${url}/v1/reports?app=crm`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(
      ((await listed.json()) as { reports: { id: string }[] }).reports.map((r) => r.id),
    ).toEqual([id])

    const other = await fetch(`${url}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.net' },
      body: JSON.stringify(sampleReport()),
    })
    expect(other.status).toBe(403)
  })

  it('limits reports per address with the configured rate', async () => {
    const url = await start({ STARTUP_HELP_REPORTS_PER_MINUTE: '2' })
    const statuses: number[] = []
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${url}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleReport()),
      })
      statuses.push(response.status)
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('30')
    }
    expect(statuses).toEqual([201, 201, 429])
  })

  it('refuses to start a second service on the same data dir', async () => {
    await start({})
    await expect(
      startServer({
        statusFile: join(dir, 'status.json'),
        dataDir: join(dir, 'data'),
        port: 0,
        host: '127.0.0.1',
        adminToken: null,
        reports: readReportsConfig({}),
        log: () => {},
      }),
    ).rejects.toThrow(/reports.lock is already open in this process/)
  })
})
