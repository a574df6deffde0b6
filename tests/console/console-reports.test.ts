import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import type { NewReport } from '../../formats/report.js'
import { createApp } from '../../server/app.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { openReportService, type ReportService } from '../../server/reports/service.js'
import { StatusStore } from '../../server/status/status-store.js'
import { FolderStatusStorage } from '../../server/storage/folder/folder-status-storage.js'
import type { ReportStorage } from '../../server/storage/report-storage.js'
import { type ConsoleClient, signInToConsole, viaApp } from '../support/console-client.js'
import { tinyPng } from '../support/onec-zip.js'
import { sampleOneCReport, sampleReport } from '../support/report-fixture.js'

const TOKEN = 'console-token-0123456789'
const START = Date.parse('2026-11-22T10:00:00Z')
const MINUTE = 60_000

interface Fixture {
  app: Hono
  admin: ConsoleClient
  reports: ReportService
  clock: { now: number }
  dir: string
  /** Stores a report received now, then moves the clock a minute on. */
  add(report: NewReport): Promise<string>
}

let cleanup: (() => Promise<void>) | null = null
afterEach(async () => {
  await cleanup?.()
  cleanup = null
})

async function fixture(
  options: {
    reports?: boolean
    status?: unknown
    /** Admin tokens with labels (signs in with the first). */
    tokens?: { label: string; token: string }[]
    /** The store answers at most 2 reports a call, as the folder store's text search may. */
    shortPages?: boolean
  } = {},
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sh-console-reports-'))
  const file = join(dir, 'status.json')
  const dataDir = join(dir, 'data')
  writeFileSync(file, JSON.stringify(options.status ?? {}))
  const clock = { now: START }
  const status = new StatusStore({ file, now: () => clock.now, log: () => {} }).start()
  const reports = await openReportService({
    dataDir,
    config: readReportsConfig({ STARTUP_HELP_REPORTS_PER_MINUTE: '0' }),
    now: () => clock.now,
    log: () => {},
  })
  const store = reports.store
  const short: ReportStorage = {
    add: (report) => store.add(report),
    get: (id) => store.get(id),
    listPage: (query) => store.listPage({ ...query, limit: Math.min(query.limit, 2) }),
    setHandled: (id, handled, by, nowMs) => store.setHandled(id, handled, by, nowMs),
    countByTime: (query, bucketMs) => store.countByTime(query, bucketMs),
    health: () => store.health(),
    close: () => store.close(),
  }
  const app = createApp({
    store: status,
    dataDir,
    adminToken: options.tokens ?? TOKEN,
    ...(options.reports === false
      ? {}
      : { reports: options.shortPages ? { ...reports, store: short } : reports }),
  })
  cleanup = async () => {
    status.stop()
    await reports.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const admin = await signInToConsole(viaApp(app), options.tokens?.[0]?.token ?? TOKEN)
  const add = async (report: NewReport) => {
    const { id } = await reports.store.add(report)
    clock.now += MINUTE
    return id
  }
  return { app, admin, reports, clock, dir, add }
}

const text = async (response: Response | Promise<Response>) => (await response).text()
/** The references listed in the reports table, in order. */
const listed = (page: string) =>
  [...page.matchAll(/<a href="\/admin\/reports\/(SH-[0-9A-Z]{6})">/g)].map((match) => match[1])

describe('console reports list', () => {
  it('lists reports newest first and filters by app, kind, text and state', async () => {
    const fx = await fixture()
    const crm = await fx.add(sampleReport({ app: 'crm', comment: 'Login spins forever' }))
    const mail = await fx.add(
      sampleReport({
        app: 'mail',
        comment: 'Timeout on inbox',
        failure: { ...sampleReport().failure, kind: 'timeout', status: null },
      }),
    )
    const onec = await fx.add(
      sampleOneCReport({ app: 'accounting', description: 'Печать не работает' }),
    )
    const all = await text(fx.admin.get('/admin/reports'))
    expect(listed(all)).toEqual([onec, mail, crm])
    expect(all).toContain('<th scope="col">Received</th>')
    expect(all).toContain('1C report')
    expect(listed(await text(fx.admin.get('/admin/reports?app=mail')))).toEqual([mail])
    expect(listed(await text(fx.admin.get('/admin/reports?kind=1c')))).toEqual([onec])
    expect(listed(await text(fx.admin.get('/admin/reports?kind=timeout')))).toEqual([mail])
    expect(
      listed(await text(fx.admin.get(`/admin/reports?q=${encodeURIComponent('печать')}`))),
    ).toEqual([onec])

    await fx.reports.store.setHandled(crm, true, 'alice', fx.clock.now)
    expect(listed(await text(fx.admin.get('/admin/reports?state=handled')))).toEqual([crm])
    expect(listed(await text(fx.admin.get('/admin/reports?state=open')))).toEqual([onec, mail])
    // The form shows the filters again.
    const filtered = await text(fx.admin.get('/admin/reports?app=mail&kind=timeout&state=open'))
    expect(filtered).toContain('id="f-app" name="app" type="text" value="mail"')
    expect(filtered).toContain('<option value="timeout" selected>')
    expect(filtered).toContain('<option value="open" selected>')
  })

  it('pages with the cursor, keeping the filters, and links back to the newest', async () => {
    const fx = await fixture()
    const crmIds: string[] = []
    for (let index = 0; index < 66; index += 1) {
      // Every fifth report is another app's: the pages hold only the filtered ones.
      const id = await fx.add(sampleReport({ app: index % 5 === 0 ? 'mail' : 'crm' }))
      if (index % 5 !== 0) crmIds.unshift(id)
    }
    expect(crmIds).toHaveLength(52)
    const first = await text(fx.admin.get('/admin/reports?app=crm'))
    expect(listed(first)).toEqual(crmIds.slice(0, 50))
    expect(first).not.toContain('Newest reports')
    const older =
      /href="(\/admin\/reports\?app=crm&amp;cursor=SH-[0-9A-Z]{6})" rel="next">Older reports/.exec(
        first,
      )
    expect(older).not.toBeNull()
    const second = await text(fx.admin.get((older?.[1] ?? '').replaceAll('&amp;', '&')))
    expect(listed(second)).toEqual(crmIds.slice(50))
    expect(second).not.toContain('Older reports')
    expect(second).toContain('<a href="/admin/reports?app=crm">Newest reports</a>')
  })

  it('fills a screen from short store pages and still offers older reports', async () => {
    const fx = await fixture({ shortPages: true })
    const ids: string[] = []
    for (let index = 0; index < 10; index += 1) ids.unshift(await fx.add(sampleReport()))
    const first = await text(fx.admin.get('/admin/reports'))
    // Four calls of two: one screen of eight, then the link to the rest.
    expect(listed(first)).toEqual(ids.slice(0, 8))
    const older = /href="(\/admin\/reports\?cursor=SH-[0-9A-Z]{6})" rel="next"/.exec(first)
    const second = await text(fx.admin.get(older?.[1] ?? ''))
    expect(listed(second)).toEqual(ids.slice(8))
    expect(second).not.toContain('rel="next"')
  })

  it('shows a bad date inline at its field, in the admin time zone otherwise', async () => {
    const fx = await fixture()
    const res = await fx.admin.get('/admin/reports?from=yesterday&app=crm')
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toMatch(/id="f-from"[^>]*aria-invalid="true"[\s\S]*?Enter a date and time/)
    expect(page).toContain('value="yesterday"')
    const backwards = await text(
      fx.admin.get('/admin/reports?from=2026-11-22T12:00&until=2026-11-22T11:00'),
    )
    expect(backwards).toMatch(/id="f-until"[^>]*aria-invalid="true"[\s\S]*?Must be later than From/)
    const kind = await text(fx.admin.get('/admin/reports?kind=panic'))
    expect(kind).toMatch(/id="f-kind"[^>]*aria-invalid="true"[\s\S]*?must be one of/)
    const kindRu = await text(fx.admin.get('/admin/reports?kind=panic&lang=ru'))
    expect(kindRu).toContain('Выберите сбой из списка')

    // 13:30 in Moscow is 10:30 UTC: the report received at 10:00 UTC is before it.
    await fx.add(sampleReport())
    const moscow = await fx.app.request('/admin/reports?from=2026-11-22T13:30', {
      headers: { Cookie: `${fx.admin.cookie}; sh_console_tz=Europe/Moscow` },
    })
    expect(listed(await moscow.text())).toEqual([])
    const earlier = await fx.app.request('/admin/reports?from=2026-11-22T12:30', {
      headers: { Cookie: `${fx.admin.cookie}; sh_console_tz=Europe/Moscow` },
    })
    expect(listed(await earlier.text())).toHaveLength(1)
  })

  it('charts counts per hour with an incident window from a saved status version', async () => {
    const fx = await fixture({
      status: {
        userMessage: 'Database down',
        severity: 'outage',
        startsAt: '2026-11-22T09:00:00Z',
        expires: '2026-11-22T12:00:00Z',
      },
    })
    // The incident is ended early at 10:30: the replaced version speaks until then.
    fx.clock.now = START + 30 * MINUTE
    const storage = new FolderStatusStorage({
      file: join(fx.dir, 'status.json'),
      dataDir: join(fx.dir, 'data'),
    })
    const edited = await storage.edit(() => ({ text: '{}\n' }), fx.clock.now, 'alice')
    expect(edited.ok).toBe(true)
    fx.clock.now = START
    await fx.add(sampleReport())
    await fx.add(sampleReport())
    fx.clock.now = START + 2 * 60 * MINUTE
    await fx.add(sampleReport())
    const page = await text(
      fx.admin.get('/admin/reports?from=2026-11-22T08:00&until=2026-11-22T13:00'),
    )
    const json = /<script type="application\/json" id="reports-chart-data">([^<]*)<\/script>/.exec(
      page,
    )?.[1]
    const data = JSON.parse(json ?? 'null') as {
      buckets: [number, number][]
      windows: [number, number, string][]
    }
    const hour = (h: number) => Date.parse(`2026-11-22T${String(h).padStart(2, '0')}:00:00Z`)
    expect(data.buckets).toEqual([
      [hour(8), 0],
      [hour(9), 0],
      [hour(10), 2],
      [hour(11), 0],
      [hour(12), 1],
    ])
    expect(data.windows).toEqual([[hour(9), START + 30 * MINUTE, 'outage']])
    // The same numbers as tables for screen readers.
    expect(page).toContain('<summary>Reports per hour (table)</summary>')
    expect(page).toMatch(/<tr><td>Nov 22, 10:00<\/td><td>2<\/td><\/tr>/)
    expect(page).toContain('Incident windows announced in the status')
    expect(page).toContain('<td>Outage</td>')
  })
})

describe('console reports export', () => {
  it('streams a CSV with the BOM, formula-safe cells and the filters applied', async () => {
    const fx = await fixture()
    await fx.add(sampleReport({ app: 'crm', comment: '=HYPERLINK("http://evil")' }))
    await fx.add(sampleReport({ app: 'mail', comment: 'other app' }))
    const page = await text(fx.admin.get('/admin/reports?app=crm'))
    expect(page).toContain('href="/admin/reports/export?app=crm&amp;format=csv"')
    const res = await fx.admin.get('/admin/reports/export?app=crm&format=csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="reports-\d{8}-\d{4}\.csv"$/,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = new TextDecoder().decode(bytes)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(csv).not.toContain('other app')
    const json = await fx.admin.get('/admin/reports/export?app=mail&format=json')
    const records = (await json.json()) as { comment: string }[]
    expect(records.map((record) => record.comment)).toEqual(['other app'])
  })

  it('needs a session and sends a bad filter back to the page', async () => {
    const fx = await fixture()
    const anonymous = await fx.app.request('/admin/reports/export?format=csv')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/admin/sign-in')
    const bad = await fx.admin.get('/admin/reports/export?format=csv&kind=panic')
    expect(bad.status).toBe(303)
    expect(bad.headers.get('location')).toBe('/admin/reports?format=csv&kind=panic')
  })
})

describe('console report page', () => {
  it('lays out a browser report and escapes what the user wrote', async () => {
    const fx = await fixture()
    const hostile = '<img src=x onerror=alert(1)>'
    const id = await fx.add(
      sampleReport({ comment: hostile, contact: 'anna@example.com', appVersion: '1.4.2' }),
    )
    const page = await text(fx.admin.get(`/admin/reports/${id.toLowerCase()}`))
    expect(page).toContain(`<h1>Report ${id}</h1>`)
    expect(page).toContain(`<p class="reference" id="report-reference">${id}</p>`)
    expect(page).toContain('data-copy="report-reference"')
    for (const heading of [
      'What failed',
      'From the user',
      'Browser and app',
      'Status the user saw',
    ]) {
      expect(page).toMatch(new RegExp(`<h2 id="[a-z_]+">${heading}</h2>`))
    }
    expect(page).toContain('<dd>https://crm.example.com/login</dd>')
    expect(page).toContain('<dd>req-8f2c</dd>')
    expect(page).toContain('<dd>503</dd>')
    expect(page).toContain('<dd>Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0</dd>')
    expect(page).toContain('<dd>anna@example.com</dd>')
    expect(page).toContain('Server upgrade in progress.')
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(page).not.toContain('<img')
    // The list's excerpt is escaped too.
    const list = await text(fx.admin.get('/admin/reports'))
    expect(list).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(list).not.toContain('<img')
  })

  it('marks a report handled by the signed-in label, then reopens it; no CSRF, no change', async () => {
    const fx = await fixture({ tokens: [{ label: 'Anna Support', token: TOKEN }] })
    const id = await fx.add(sampleReport())
    const refused = await fx.admin.post(`/admin/reports/${id}/handled`, { handled: 'true' }, false)
    expect(refused.status).toBe(403)
    expect((await fx.reports.store.get(id))?.handled ?? null).toBeNull()

    const marked = await fx.admin.post(`/admin/reports/${id}/handled`, { handled: 'true' })
    expect(marked.status).toBe(303)
    expect(marked.headers.get('location')).toBe(`/admin/reports/${id}?done=handled`)
    expect((await fx.reports.store.get(id))?.handled?.by).toBe('Anna Support')
    const page = await text(fx.admin.get(`/admin/reports/${id}?done=handled`))
    expect(page).toContain('Marked handled.')
    expect(page).toMatch(
      /Handled by Anna Support at 22 Nov 2026|Handled by Anna Support at Nov 22, 2026/,
    )
    expect(page).toContain('<input type="hidden" name="handled" value="false">')

    const reopened = await fx.admin.post(`/admin/reports/${id}/handled`, { handled: 'false' })
    expect(reopened.headers.get('location')).toBe(`/admin/reports/${id}?done=open`)
    expect((await fx.reports.store.get(id))?.handled ?? null).toBeNull()
    expect(await text(fx.admin.get(`/admin/reports/${id}?done=open`))).toContain('Open again.')
  })

  it('shows a 1C report with its fields and serves its screenshot as a download', async () => {
    const fx = await fixture()
    const file = await fx.reports.attachments.save(tinyPng(), 'screenshot.png', 'screenshot')
    const input = sampleOneCReport({ description: 'Печать не работает' })
    input.report.sessionInfo = { userName: 'Бухгалтер' }
    input.report.configInfo = { name: 'БухгалтерияПредприятия', version: '3.0.150' }
    const id = await fx.add({ ...input, attachments: [file] })
    const page = await text(fx.admin.get(`/admin/reports/${id}`))
    expect(page).toContain('Печать не работает')
    expect(page).toContain('<dd>БухгалтерияПредприятия</dd>')
    expect(page).toContain('<dd>Бухгалтер</dd>')
    expect(page).toContain('Деление на 0')
    const link = `/admin/reports/${id}/attachments/${file.key}`
    expect(page).toContain(`href="${link}"`)
    const download = await fx.admin.get(link)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('image/png')
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${file.key}"`)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(tinyPng())
    // Only files the report lists, and only with a session.
    const other = await fx.add(sampleOneCReport())
    expect((await fx.admin.get(`/admin/reports/${other}/attachments/${file.key}`)).status).toBe(404)
    expect((await fx.app.request(link)).status).toBe(303)
  })

  it('answers 404 for an unknown or malformed reference', async () => {
    const fx = await fixture()
    const unknown = await fx.admin.get('/admin/reports/SH-000000')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('No report SH-000000.')
    expect((await fx.admin.get('/admin/reports/not-a-reference')).status).toBe(404)
    const post = await fx.admin.post('/admin/reports/SH-000000/handled', { handled: 'true' })
    expect(post.status).toBe(404)
  })
})

describe('console without reports', () => {
  it('says reports are off', async () => {
    const fx = await fixture({ reports: false })
    const res = await fx.admin.get('/admin/reports')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Reports are off on this service.')
    expect((await fx.admin.get('/admin/reports/SH-000000')).status).toBe(404)
  })
})
