import { mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser.js'
import { sampleReport } from '../support/report-fixture.js'
import {
  CONSOLE_TOKENS,
  type ConsoleService,
  SCREENSHOT_DIR,
  signInByKeyboard,
  startConsoleService,
} from './console-fixture.js'
import { watchProblems } from './help-ui-helpers.js'

const ALICE = CONSOLE_TOKENS[0]?.token ?? ''
const browser = useChromium()
let service: ConsoleService
let context: BrowserContext | null = null

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  service = await startConsoleService({})
})
afterAll(() => service.close())
afterEach(async () => {
  await context?.close().catch(() => {})
  context = null
})

/** A fresh browser profile in Moscow time, as the admin's laptop would be. */
async function openConsole(): Promise<{ page: Page; problems: string[] }> {
  context = await browser().newContext({ timezoneId: 'Europe/Moscow', locale: 'en-GB' })
  // Shorter than the test's own timeout, so a stuck step names itself.
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const problems = watchProblems(page)
  await signInByKeyboard(page, service.origin, ALICE)
  await consoleReady(page)
  return { page, problems }
}

/** console.js told the service the time zone (and reloaded once to show local times). */
async function consoleReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const zone = document.querySelector<HTMLInputElement>('input[name="timeZone"]')
    return document.readyState === 'complete' && (!zone || zone.value === 'Europe/Moscow')
  })
  await page.waitForFunction(() => document.body.textContent?.includes('Europe/Moscow') ?? true)
}

async function noAxeViolations(page: Page): Promise<void> {
  // The preview frames run no script (sandboxed), so axe cannot enter them (it waits forever);
  // the help page they show has its own axe tests (help-page.test.ts). Their titles are checked
  // here instead.
  const titles = await page.$$eval('iframe', (frames) => frames.map((frame) => frame.title))
  expect(titles.every((title) => title.trim().length > 0)).toBe(true)
  const result = await new AxeBuilder({ page }).exclude('iframe').analyze()
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([])
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })

/** A `datetime-local` value in Moscow time, as the admin's browser shows it. */
const local = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Moscow',
    dateStyle: 'short',
    timeStyle: 'short',
  })
    .format(date)
    .replace(' ', 'T')

const fileJson = () => JSON.parse(readFileSync(service.file, 'utf8'))

// Each flow is a few page loads and an axe run: seconds alone, more on a loaded 2-core box.
describe('admin console in Chromium', { timeout: 60_000 }, () => {
  it('signs in by keyboard after a clear error for a wrong token', async () => {
    context = await browser().newContext({ timezoneId: 'Europe/Moscow', locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${service.origin}/admin`)
    await page.keyboard.type('not-the-token')
    await page.keyboard.press('Enter')
    await page.waitForSelector('#token-error')
    expect(await page.textContent('#token-error')).toContain('4 more tries')
    expect(await page.getAttribute('#token', 'aria-invalid')).toBe('true')
    await noAxeViolations(page)
    await shot(page, 'sign-in')
    await signInByKeyboard(page, service.origin, ALICE)
    expect(await page.textContent('.who')).toContain('Signed in as alice')
  })

  it('announces a maintenance with live previews in English and Russian, saved by keyboard', async () => {
    service.writeStatus({ helpText: { en: 'Call the service desk: 100', ru: 'Звоните: 100' } })
    const { page, problems } = await openConsole()
    await page.goto(`${service.origin}/admin/status?scope=crm`)
    await consoleReady(page)
    const start = new Date(Date.now() + 2 * 3_600_000)
    const end = new Date(start.getTime() + 2 * 3_600_000)
    await page.fill('#f-notice-0-id', 'db-upgrade')
    await page.selectOption('#f-notice-0-severity', 'maintenance')
    await page.fill('#f-notice-0-startsAt', local(start))
    await page.fill('#f-notice-0-expires', local(end))
    await page.fill('#f-notice-0-title-en', 'Database upgrade')
    await page.fill('#f-notice-0-body-en', 'CRM is read-only <b>for two hours</b>.')
    await page.fill('#f-notice-0-body-ru', 'CRM только для чтения два часа.')
    // The time hint says what the typed time means in UTC and from now.
    await page.waitForFunction(() =>
      document
        .querySelector('#f-notice-0-startsAt-when')
        ?.textContent?.includes('UTC · in 2 hours'),
    )
    // The previews follow the typing (the frame count changes only with "Update preview").
    await page.click('button[value="preview"]')
    await page.waitForSelector('#preview iframe:nth-of-type(1)')
    const frames = page.locator('#preview iframe')
    expect(await frames.count()).toBe(4)
    await page.fill('#f-notice-0-body-en', 'CRM is read-only <b>for two hours</b>, sorry.')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#preview iframe')].some((frame) =>
        (frame as HTMLIFrameElement).contentDocument?.body?.textContent?.includes(
          'for two hours</b>, sorry.',
        ),
      ),
    )
    const atStart = page.frameLocator('#preview figure:nth-of-type(2) iframe')
    expect(await atStart.locator('h1').textContent()).toBe('Sorry, the service is unavailable')
    const ruAtStart = page.frameLocator('#preview figure:nth-of-type(4) iframe')
    expect(await ruAtStart.locator('body').textContent()).toContain('CRM только для чтения')
    // Network text never becomes markup, in the console or the preview.
    expect(await page.locator('b').count()).toBe(0)
    await noAxeViolations(page)
    await shot(page, 'status-editor')
    await page.focus('button[value="save"]')
    await Promise.all([page.waitForURL(/done=saved/), page.keyboard.press('Enter')])
    expect(await page.textContent('.flash')).toContain('Saved')
    const notice = fileJson().apps.crm.messages[0]
    expect(notice).toMatchObject({
      id: 'db-upgrade',
      severity: 'maintenance',
      title: { en: 'Database upgrade' },
    })
    expect(notice.startsAt).toMatch(/\+03:00$/)
    expect(Date.parse(notice.startsAt)).toBe(Math.floor(start.getTime() / 60_000) * 60_000)
    expect(await page.textContent('.now')).toContain('Announced · Maintenance')
    expect(problems).toEqual([])
  })

  it('shows a conflict with both versions and a diff, and saves mine over theirs', async () => {
    service.writeStatus({ helpText: 'v1' })
    const { page } = await openConsole()
    await page.fill('#f-helpText--', 'mine')
    service.writeStatus({ helpText: 'v1', helpUrl: 'https://wiki.example.com/theirs' })
    await page.click('button[value="save"]')
    await page.waitForSelector('#save-mine')
    expect(await page.textContent('h1')).toBe('Someone saved while you were editing')
    expect(await page.textContent('.diff')).toContain('+   "helpText": "mine"')
    await noAxeViolations(page)
    await shot(page, 'conflict')
    await Promise.all([page.waitForURL(/done=saved/), page.click('#save-mine button')])
    expect(fileJson()).toEqual({ helpText: 'mine' })
  })

  it('asks before the kill switch, then ends and extends an incident in one click', async () => {
    const now = Date.now()
    service.writeStatus({
      userMessage: 'Outage',
      severity: 'outage',
      startsAt: new Date(now - 3_600_000).toISOString(),
      expires: new Date(now + 3_600_000).toISOString(),
    })
    const { page } = await openConsole()
    await page.check('#f-disableServiceWorker')
    await page.click('button[value="save"]')
    await page.waitForSelector('#kill-confirm')
    expect(await page.textContent('.alert')).toContain('unregister itself')
    await noAxeViolations(page)
    await shot(page, 'kill-switch')
    await page.click('#kill-confirm a')
    expect(fileJson().disableServiceWorker).toBeUndefined()

    await page.goto(`${service.origin}/admin/status`)
    const before = Date.parse(fileJson().expires)
    await Promise.all([page.waitForURL(/done=extended/), page.click('text=Extend by 30 min')])
    expect(Date.parse(fileJson().expires) - before).toBe(30 * 60_000)
    await Promise.all([page.waitForURL(/done=ended/), page.click('text=End incident now')])
    expect(Date.parse(fileJson().expires)).toBeLessThanOrEqual(Date.now() + 1000)
    expect(await page.textContent('.now')).toContain('No message is showing.')
  })

  it('lists history with who and when, shows a diff and restores', async () => {
    service.writeStatus({ helpText: 'history one' })
    const { page } = await openConsole()
    await page.fill('#f-helpText--', 'history two')
    await Promise.all([page.waitForURL(/done=saved/), page.click('button[value="save"]')])
    await page.click('nav >> text=History')
    await page.waitForSelector('table')
    expect(await page.textContent('tbody tr:first-child')).toContain('alice')
    await noAxeViolations(page)
    await shot(page, 'history')
    await page.click('tbody tr:nth-child(2) a')
    await page.waitForSelector('#restore')
    expect(await page.textContent('.diff')).toContain('−   "helpText": "history one"')
    await noAxeViolations(page)
    await shot(page, 'history-diff')
    await Promise.all([page.waitForURL(/done=restored/), page.click('#restore button')])
    expect(fileJson()).toEqual({ helpText: 'history one' })
  })

  it('refuses a write without the CSRF token, lets no other origin read, and signs out', async () => {
    const { page } = await openConsole()
    const refused = await page.evaluate(async () => {
      const response = await fetch('/admin/status/end', {
        method: 'POST',
        body: new URLSearchParams({ scope: '' }),
      })
      return response.status
    })
    expect(refused).toBe(403)

    // A page of another origin, in the same browser where the admin is signed in.
    const other: Server = createServer((_req, res) =>
      res.end('<!doctype html><title>other</title>'),
    )
    await new Promise<void>((resolve) => other.listen(0, 'localhost', resolve))
    try {
      const otherPage = await context?.newPage()
      await otherPage?.goto(`http://localhost:${(other.address() as AddressInfo).port}/`)
      const read = await otherPage?.evaluate(async (target) => {
        try {
          const response = await fetch(`${target}/admin/status`, { credentials: 'include' })
          return `read ${response.status}: ${(await response.text()).slice(0, 40)}`
        } catch (error) {
          return `refused: ${(error as Error).name}`
        }
      }, service.origin)
      expect(read).toBe('refused: TypeError')
    } finally {
      other.close()
    }

    await Promise.all([page.waitForURL(/reason=signed-out/), page.click('text=Sign out')])
    expect(await page.textContent('.flash')).toBe('You are signed out.')
    await page.goto(`${service.origin}/admin/status`)
    expect(page.url()).toBe(`${service.origin}/admin/sign-in`)
  })

  it('finds a report by filter, opens it, marks it handled and exports the filtered set', async () => {
    const now = Date.now()
    service.writeStatus({
      userMessage: 'Outage',
      severity: 'outage',
      startsAt: new Date(now - 3 * 3_600_000).toISOString(),
      expires: new Date(now - 3_600_000).toISOString(),
    })
    const at = (offset: number) => new Date(now + offset).toISOString()
    const wanted = await service.addReport(
      sampleReport({
        app: 'crm',
        createdAt: at(-2 * 3_600_000),
        comment: 'Login spins forever <img src=x onerror="window.__xss=1">',
      }),
    )
    await service.addReport(
      sampleReport({ app: 'billing', createdAt: at(-2 * 3_600_000), comment: 'Other app' }),
    )
    // More reports of crm during the incident, received then: the chart's spike in the shade.
    for (let step = 0; step < 12; step += 1) {
      const when = now - 2 * 3_600_000 - step * 5 * 60_000
      await service.addReport(
        sampleReport({
          app: 'crm',
          createdAt: new Date(when).toISOString(),
          comment: 'Cannot log in',
        }),
        when,
      )
    }
    const { page, problems } = await openConsole()
    await page.click('nav >> text=Reports')
    await page.waitForSelector('#report-filters')
    // uPlot drew the chart into a canvas; the numbers are in the table beside it too.
    await page.waitForSelector('#reports-chart canvas')
    await page.fill('#f-app', 'crm')
    // The last 12 hours: one bar an hour, the incident's spike plain to see.
    await page.fill('#f-from', local(new Date(now - 12 * 3_600_000)))
    await page.fill('#f-q', 'spins')
    await Promise.all([
      page.waitForURL(/q=spins/),
      page.click('#report-filters button[type="submit"]'),
    ])
    const rows = page.locator('.report-list tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain(wanted)
    await noAxeViolations(page)
    await shot(page, 'reports')

    const download = page.waitForEvent('download')
    await page.click('text=Export CSV')
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain(wanted)
    expect(csv).not.toContain('Other app')

    await Promise.all([
      page.waitForURL(new RegExp(`/admin/reports/${wanted}`)),
      page.click(`text=${wanted}`),
    ])
    expect(await page.textContent('#report-reference')).toBe(wanted)
    expect(await page.textContent('.comment')).toContain('<img src=x')
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    await noAxeViolations(page)
    await shot(page, 'report')
    await Promise.all([page.waitForURL(/\/admin\/reports\/SH-/), page.click('text=Mark handled')])
    expect(await page.textContent('main')).toContain('Handled by alice')
    expect(problems).toEqual([])
  })

  it('speaks Russian when asked, on every part of the page', async () => {
    const { page } = await openConsole()
    await Promise.all([page.waitForURL(/lang=ru/), page.click('text=Русский')])
    expect(await page.textContent('h1')).toBe('Статус')
    expect(await page.textContent('.who')).toContain('Вы вошли как alice')
    await noAxeViolations(page)
    await shot(page, 'status-ru')
  })
})
