/**
 * The admin console on two service instances (real sockets) sharing one real PostgreSQL:
 * sessions, status edits, history and reports made on one are seen and worked on the other.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../server/node.js'
import { readOneCConfig } from '../../server/onec/config.js'
import { readReportsConfig } from '../../server/reports/config.js'
import {
  type ConsoleClient,
  consoleClientWithCookie,
  signInToConsole,
} from '../support/console-client.js'
import { startPostgres, type TestPostgres } from '../support/postgres.js'
import { sampleReport } from '../support/report-fixture.js'
import { eventually } from '../support/status-fixture.js'

const TOKENS = [
  { label: 'alice', token: 'alice-console-token-0123' },
  { label: 'bob', token: 'bob-console-token-456789' },
]

let postgres: TestPostgres
let dir: string
let a: RunningServer
let b: RunningServer
const logs: string[] = []

/** One instance as on its own host: its own status file and data folder, the shared database. */
async function startInstance(name: string, databaseUrl: string): Promise<RunningServer> {
  const home = join(dir, name)
  mkdirSync(home, { recursive: true })
  writeFileSync(join(home, 'status.json'), '{\n  "helpText": "Call 100"\n}\n')
  return startServer({
    statusFile: join(home, 'status.json'),
    dataDir: join(home, 'data'),
    port: 0,
    host: '127.0.0.1',
    adminToken: TOKENS,
    databaseUrl,
    reports: readReportsConfig({}),
    oneC: readOneCConfig({}),
    log: (line) => logs.push(`${name}: ${line}`),
  })
}

/** Real fetch against an instance: what a browser's requests would reach. */
const via = (server: RunningServer) => (path: string, init?: RequestInit) =>
  fetch(`${server.url}${path}`, init)

/** A console page's HTML; fails on anything but 200 (a redirect to sign in, an error). */
const text = async (response: Response | Promise<Response>) => {
  const answer = await response
  expect(answer.status).toBe(200)
  return answer.text()
}

const messageOf = async (server: RunningServer) => {
  const answer = await fetch(`${server.url}/v1/status?lang=en`)
  return ((await answer.json()) as { message: { text: string } | null }).message?.text ?? null
}

/** The rows of the history table, newest first. */
const historyRows = (page: string) =>
  [...page.matchAll(/<tr>\s*<td>([\s\S]*?)<\/tr>/g)].map((match) => match[1] ?? '')

beforeAll(async () => {
  postgres = await startPostgres()
  const url = await postgres.createDatabase()
  dir = mkdtempSync(join(tmpdir(), 'sh-pg-console-'))
  // One after the other: the first seeds the database from its file, the second follows it.
  a = await startInstance('a', url)
  b = await startInstance('b', url)
})

afterAll(async () => {
  await a?.close()
  await b?.close()
  await postgres?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('admin console on two instances sharing PostgreSQL', () => {
  let aliceOnA: ConsoleClient
  let aliceOnB: ConsoleClient
  let bobOnB: ConsoleClient

  it("takes alice's edit on A, her session on B, and B serves the saved message", async () => {
    aliceOnA = await signInToConsole(via(a), TOKENS[0]?.token ?? '')
    const page = await text(aliceOnA.get('/admin/status'))
    const fields = aliceOnA.formFields(page, 'editor')
    expect(fields['helpText.*']).toBe('Call 100')
    const saved = await aliceOnA.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Database upgrade: CRM is read-only.',
      'message.severity': 'maintenance',
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/admin/status?done=saved')
    expect(await messageOf(a)).toBe('Database upgrade: CRM is read-only.')

    // Stateless signed sessions: B accepts A's cookie and derives the same CSRF token.
    aliceOnB = await consoleClientWithCookie(via(b), aliceOnA.cookie)
    expect(aliceOnB.csrf).toBe(aliceOnA.csrf)
    const onB = await text(aliceOnB.get('/admin/status'))
    expect(onB).toContain('Database upgrade: CRM is read-only.')
    expect(aliceOnB.formFields(onB, 'editor')['message.text.en']).toBe(
      'Database upgrade: CRM is read-only.',
    )
    // LISTEN/NOTIFY brings the save to B's served status; the poll only bounds a broken test.
    await eventually(
      async () => (await messageOf(b)) === 'Database upgrade: CRM is read-only.',
      5000,
    )
  })

  it("shows alice's version to bob on B, refuses a stale restore, then restores", async () => {
    bobOnB = await signInToConsole(via(b), TOKENS[1]?.token ?? '')
    const list = await text(bobOnB.get('/admin/history'))
    const rows = historyRows(list)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('(current)')
    expect(rows[0]).toContain('<td>alice</td>')
    const link = /href="(\/admin\/history\/[^"]+)"/.exec(rows[1] ?? '')?.[1] ?? ''
    expect(link).toMatch(/^\/admin\/history\/\d+$/)
    const versionPage = await text(bobOnB.get(link))
    // The seeded version, copied from the first instance's file, against alice's current one.
    expect(versionPage).toContain('By: status file')
    expect(versionPage).toContain('<ins>+   &quot;userMessage&quot;: {')
    const restore = bobOnB.formFields(versionPage, 'restore')

    // alice saves again on A: bob's page is now out of date.
    const fields = aliceOnA.formFields(await text(aliceOnA.get('/admin/status')), 'editor')
    const again = await aliceOnA.post('/admin/status/save', {
      ...fields,
      'message.text.en': 'Upgrade runs late: until 16:00.',
    })
    expect(again.status).toBe(303)
    const stale = await bobOnB.post(`${link}/restore`, restore)
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('changed since you read it')
    expect(await messageOf(a)).toBe('Upgrade runs late: until 16:00.')

    const fresh = bobOnB.formFields(await text(bobOnB.get(link)), 'restore')
    expect(fresh.etag).not.toBe(restore.etag)
    const restored = await bobOnB.post(`${link}/restore`, fresh)
    expect(restored.status).toBe(303)
    expect(restored.headers.get('location')).toBe('/admin/history?done=restored')
    expect(await messageOf(b)).toBeNull()
    await eventually(async () => (await messageOf(a)) === null, 5000)
    // A's history shows the restore as bob's new version, above both of alice's.
    const onA = historyRows(await text(aliceOnA.get('/admin/history')))
    expect(onA).toHaveLength(4)
    expect(onA[0]).toContain('(current)')
    expect(onA[0]).toContain('<td>bob</td>')
    expect(onA[1]).toContain('<td>alice</td>')
    expect(onA[2]).toContain('<td>alice</td>')
  })

  it('lists a report sent to A on B, where bob marks it handled; A shows it and exports it', async () => {
    const report = sampleReport({ comment: 'Login spins after the upgrade' })
    const posted = await fetch(`${a.url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    })
    expect(posted.status).toBe(201)
    const { id } = (await posted.json()) as { id: string }

    const list = await text(bobOnB.get('/admin/reports'))
    expect(list).toContain(`<a href="/admin/reports/${id}">`)
    // The chart's incident windows come from the history in the database: alice's maintenance.
    expect(list).toMatch(
      /<caption>Incident windows announced in the status<\/caption>[\s\S]*?<td>Maintenance<\/td><td>All apps<\/td>/,
    )
    const page = await text(bobOnB.get(`/admin/reports/${id}`))
    expect(page).toContain(`<h1>Report ${id}</h1>`)
    expect(page).toContain('Login spins after the upgrade')

    const marked = await bobOnB.post(`/admin/reports/${id}/handled`, { handled: 'true' })
    expect(marked.status).toBe(303)
    expect(marked.headers.get('location')).toBe(`/admin/reports/${id}?done=handled`)
    expect(await text(bobOnB.get(`/admin/reports/${id}?done=handled`))).toContain('Marked handled.')

    const onA = await text(aliceOnA.get(`/admin/reports/${id}`))
    expect(onA).toContain('Handled by bob at')
    expect(await text(aliceOnA.get('/admin/reports?state=handled'))).toContain(
      `<a href="/admin/reports/${id}">`,
    )

    const csv = await aliceOnA.get('/admin/reports/export?format=csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const body = await csv.text()
    expect(body).toContain(id)
    expect(body).toContain('Login spins after the upgrade')
  })

  it('signs a session out on every instance at once', async () => {
    const alice = await signInToConsole(via(a), 'alice-console-token-0123')
    const onB = await consoleClientWithCookie(via(b), alice.cookie)
    expect((await onB.get('/admin/status')).status).toBe(200)
    expect((await alice.post('/admin/sign-out', {})).status).toBe(303)
    // The browser drops its cookie; a copy of it is refused by the other instance too.
    const after = await onB.get('/admin/status')
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toBe('/admin/sign-in?reason=expired')
  })

  it('logged no unexpected errors', () => {
    expect(logs.filter((line) => /error|unexpected/i.test(line))).toEqual([])
  })
})
