import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { StatusDocument } from '../../formats/status-document.js'
import { useChromium } from '../support/browser.js'
import {
  type DemoApp,
  type StatusServiceHandle,
  startDemoApp,
  startStatusService,
} from './help-ui-fixture.js'
import { focused, tabTo, watchProblems } from './help-ui-helpers.js'

const XSS_BODY = 'Upgrade <img src=x onerror="window.__xss=1"> until 14:00'
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()

const statusDocument = (): StatusDocument => ({
  messages: [
    { id: 'note', severity: 'info', title: 'New menu', body: 'The menu moved to the left.' },
    { id: 'outage', severity: 'outage', expires: inHours(1), title: 'Mail', body: XSS_BODY },
    {
      id: 'later',
      severity: 'maintenance',
      startsAt: inHours(2),
      expires: inHours(3),
      title: { en: 'Database upgrade', ru: 'Обновление базы' },
      body: { en: 'Read-only for an hour.', ru: 'Только чтение в течение часа.' },
    },
  ],
})

const browser = useChromium()
let status: StatusServiceHandle | null = null
let app: DemoApp | null = null
let context: BrowserContext | null = null

afterEach(async () => {
  await context?.close().catch(() => {})
  await app?.close()
  await status?.close()
  context = null
  app = null
  status = null
})

/** Opens the app (strict CSP, no inline style) with the banner on, and waits for its notices. */
async function openApp(
  clientOptions: Record<string, unknown> = {},
  contextOptions: Parameters<ReturnType<typeof browser>['newContext']>[0] = {},
): Promise<{ page: Page; problems: string[] }> {
  status = await startStatusService(statusDocument())
  app = await startDemoApp({ app: 'crm', statusUrl: status.origin, banner: true, ...clientOptions })
  context = await browser().newContext(contextOptions)
  const page = await context.newPage()
  const problems = watchProblems(page)
  await page.goto(`${app.origin}/`)
  await page.getByRole('status').locator('li').nth(2).waitFor({ timeout: 20_000 })
  return { page, problems }
}

/**
 * Opens the app without the banner option, lets registerStartupHelp keep the status it read,
 * then calls showStatusBanner itself (into its own element) and waits for its three notices.
 */
async function showBannerDirectly(options: Record<string, unknown>): Promise<Page> {
  status = await startStatusService(statusDocument())
  app = await startDemoApp({ app: 'crm', statusUrl: status.origin })
  context = await browser().newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto(`${app.origin}/`)
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('startup-help:status')), {
      timeout: 20_000,
    })
    .not.toBeNull()
  // A string, not a function: Vite would rewrite a function's import() for Node.
  await page.evaluate(`(async () => {
    const container = document.createElement('div')
    document.body.append(container)
    const client = await import('/startup-help.js')
    await client.showStatusBanner({ ...${JSON.stringify({ ...options, statusUrl: status.origin })}, container })
  })()`)
  await page.getByRole('status').locator('li').nth(2).waitFor({ timeout: 20_000 })
  return page
}

describe('the in-app status banner (Chromium)', () => {
  it('shows every notice as text in a status region, most severe first, under a strict CSP', async () => {
    const { page, problems } = await openApp({ lang: 'en' })
    const region = page.getByRole('status', { name: 'Service notices' })
    const items = await region.locator('li').allTextContents()
    // The outage, then the info, then the maintenance to come with its start.
    expect(items).toEqual([
      expect.stringMatching(/^OutageMailUpgrade /),
      expect.stringMatching(/^InformationNew menuThe menu moved/),
      expect.stringMatching(/^Maintenance · From .+Database upgradeRead-only for an hour\./),
    ])
    await expect(region.getByText(XSS_BODY).isVisible()).resolves.toBe(true)
    await expect(region.locator('img').count()).resolves.toBe(0)
    await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined()
    // Styles came in through an adopted sheet: the outage has its own colour.
    const outageBorder = await region
      .locator('li')
      .first()
      .evaluate((li) => getComputedStyle(li).borderLeftColor)
    expect(outageBorder).toBe('rgb(207, 34, 46)')
    expect(problems).toEqual([])
  })

  it('has no axe-core violations', async () => {
    const { page } = await openApp({ lang: 'en' })
    const result = await new AxeBuilder({ page }).include('[data-startup-help="banner"]').analyze()
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
    // axe-core runs long on a loaded box; nothing here is about speed.
  }, 60_000)

  it('is dismissed by keyboard alone, and focus moves on to the next notice', async () => {
    const { page } = await openApp({ lang: 'en' })
    await tabTo(page, 'Hide this notice: Mail')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByRole('status').locator('li').count(), { timeout: 10_000 })
      .toBe(2)
    expect(await focused(page)).toEqual({ name: 'Hide this notice: New menu', tag: 'button' })
    await page.keyboard.press('Escape')
    await expect
      .poll(() => page.getByRole('status').locator('li').count(), { timeout: 10_000 })
      .toBe(1)
    expect(await focused(page)).toEqual({
      name: 'Hide this notice: Database upgrade',
      tag: 'button',
    })
  })

  it('reads the status again when the tab is shown again, and shows a new notice', async () => {
    const { page } = await openApp({ lang: 'en' })
    // Let the banner's own first re-read (shortly after start) pass: after it the next one is
    // due only at the answer's max-age (60 s), so what follows is the visibilitychange's doing.
    const receivedAt = () =>
      page.evaluate(
        () => JSON.parse(localStorage.getItem('startup-help:status') ?? '{}').receivedAt as string,
      )
    const first = await receivedAt()
    await expect.poll(receivedAt, { timeout: 20_000 }).not.toBe(first)
    status?.writeStatus({
      messages: [{ id: 'vpn', severity: 'info', title: 'New VPN', body: 'From Monday.' }],
    })
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await page.getByRole('status').getByText('From Monday.').waitFor({ timeout: 20_000 })
    await expect(page.getByRole('status').locator('li').count()).resolves.toBe(1)
  })

  it("words notices with the app's string overrides given to registerStartupHelp", async () => {
    const { page, problems } = await openApp({
      lang: 'en',
      strings: {
        en: {
          severity_maintenance: 'Planned works',
          severity_outage: 'Down',
          notice_starts: 'Starting {time}',
          banner_label: 'IT announcements',
          dismiss_notice: 'Close',
        },
        // Another language's overrides stay out of an English banner.
        ru: { severity_info: 'Сведения' },
      },
    })
    const region = page.getByRole('status', { name: 'IT announcements' })
    expect(await region.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^DownMailUpgrade /),
      expect.stringMatching(/^InformationNew menu/),
      expect.stringMatching(/^Planned works · Starting .+Database upgrade/),
    ])
    await expect(region.getByRole('button', { name: 'Close: Mail' }).count()).resolves.toBe(1)
    expect(problems).toEqual([])
  })

  it('shows the notices in its own language at once, though the registration read them in another', async () => {
    // registerStartupHelp read the status in the browser's language (en-US) a moment ago.
    const page = await showBannerDirectly({ app: 'crm', lang: 'ru' })
    expect(await page.getByRole('status').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^АварияMail/),
      expect.stringMatching(/^ИнформацияNew menu/),
      expect.stringMatching(/^Технические работы · С .+Обновление базы/),
    ])
  })

  it('takes strings in showStatusBanner options, per language', async () => {
    const page = await showBannerDirectly({
      app: 'crm',
      lang: 'ru-RU',
      // The base language's table, then the exact tag's, as on the help page.
      strings: {
        ru: { severity_maintenance: 'Плановые работы' },
        'ru-RU': { severity_outage: 'Сбой' },
      },
    })
    expect(await page.getByRole('status').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^СбойMail/),
      expect.stringMatching(/^ИнформацияNew menu/),
      expect.stringMatching(/^Плановые работы · С .+Обновление базы/),
    ])
  })

  it('speaks the asked language and moves nothing for users who ask for reduced motion', async () => {
    const { page } = await openApp({ lang: 'ru' }, { reducedMotion: 'reduce' })
    const region = page.getByRole('status', { name: 'Объявления сервиса' })
    await expect(region.getByText('Обновление базы').isVisible()).resolves.toBe(true)
    const animation = await region
      .locator('li')
      .first()
      .evaluate((li) => getComputedStyle(li).animationName)
    expect(animation).toBe('none')
  })
})
