import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser.js'
import { type StatusServiceHandle, startStatusService } from './help-ui-fixture.js'
import { tabTo, watchProblems } from './help-ui-helpers.js'

const XSS_HELP = 'Call the duty admin <img src=x onerror="window.__xss=1">\nor write to the chat'
const XSS_MESSAGE = 'CRM database restore <img src=x onerror="window.__xss=2"> until 15:00'

let browser: Browser
let status: StatusServiceHandle
let context: BrowserContext | null = null

beforeAll(async () => {
  browser = await launchChromium()
  status = await startStatusService({
    helpText: { en: XSS_HELP, ru: 'Звоните дежурному' },
    helpUrl: 'https://wiki.example.com/login-help',
    supportEmail: 'support@example.com',
    apps: {
      crm: {
        userMessage: XSS_MESSAGE,
        severity: 'outage',
        expires: new Date(Date.now() + 86_400_000).toISOString(),
      },
      ops: {
        messages: [
          { id: 'menu', severity: 'info', body: 'The menu moved to the left.' },
          {
            id: 'later',
            severity: 'maintenance',
            startsAt: new Date(Date.now() + 7_200_000).toISOString(),
            title: 'Database upgrade',
            body: 'Read-only for an hour.',
          },
          { id: 'down', severity: 'outage', title: 'Mail is down', body: 'Since 09:00.' },
        ],
      },
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await status?.close()
})
afterEach(async () => {
  await context?.close().catch(() => {})
  context = null
})

async function openHelp(
  query: string,
  javaScriptEnabled = true,
): Promise<{ page: Page; problems: string[] }> {
  context = await browser.newContext({ javaScriptEnabled })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: status.origin })
  const page = await context.newPage()
  const problems = watchProblems(page)
  await page.goto(`${status.origin}/help${query}`)
  if (javaScriptEnabled) await page.locator('.sh-panel').waitFor()
  return { page, problems }
}

describe('GET /help in a browser', () => {
  it("shows the app's message, help text and help link, and never runs markup from the status", async () => {
    const { page, problems } = await openHelp('?app=crm&lang=en')
    await expect(
      page
        .getByRole('heading', { level: 1, name: 'Sorry, the service is unavailable' })
        .isVisible(),
    ).resolves.toBe(true)
    await expect(page.getByText(XSS_MESSAGE).isVisible()).resolves.toBe(true)
    await expect(page.getByText('Outage', { exact: true }).isVisible()).resolves.toBe(true)
    await expect(
      page.getByText('<img src=x onerror="window.__xss=1">', { exact: false }).count(),
    ).resolves.toBe(1)
    const link = page.getByRole('link', { name: 'Need help' })
    expect(await link.getAttribute('href')).toBe('https://wiki.example.com/login-help')
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
    await expect(page.locator('img').count()).resolves.toBe(0)
    await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined()
    // Opened directly there is nothing to wait for: no retry countdown.
    await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0)
    expect(problems).toEqual([])
  })

  it('is readable without JavaScript: title and help text as plain text', async () => {
    const { page } = await openHelp('?app=crm&lang=en', false)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Sorry, the service is unavailable',
    )
    await expect(page.getByText(XSS_MESSAGE).isVisible()).resolves.toBe(true)
    await expect(page.locator('img').count()).resolves.toBe(0)
  })

  it('speaks Russian when asked', async () => {
    const { page } = await openHelp('?lang=ru')
    await expect(
      page.getByRole('heading', { level: 1, name: 'Сервис временно недоступен' }).isVisible(),
    ).resolves.toBe(true)
    await expect(page.getByText('Звоните дежурному').isVisible()).resolves.toBe(true)
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
  })

  it('has no axe-core violations, with details closed or open', async () => {
    const { page } = await openHelp('?app=crm&lang=en')
    const closed = await new AxeBuilder({ page }).analyze()
    expect(closed.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
    await page.getByRole('button', { name: 'Show details' }).click()
    const open = await new AxeBuilder({ page }).analyze()
    expect(open.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  })

  it('shows the most severe active notice first and the other active ones below it, nothing upcoming', async () => {
    const { page } = await openHelp('?app=ops&lang=en')
    const main = page.locator('.sh-message')
    await expect(main.textContent()).resolves.toBe('OutageMail is downSince 09:00.')
    const others = page.locator('.sh-other-notices')
    await expect(
      others.getByRole('heading', { level: 2, name: 'Also announced' }).isVisible(),
    ).resolves.toBe(true)
    const items = await others.locator('li').allTextContents()
    expect(items).toEqual(['InformationThe menu moved to the left.'])
    expect(await page.getByText('Database upgrade').count()).toBe(0)
    const result = await new AxeBuilder({ page }).analyze()
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  })

  it('works by keyboard and sends a report the service stores without the secret in the URL', async () => {
    const { page, problems } = await openHelp('?app=crm&lang=en&session=SECRET-SESSION')
    await tabTo(page, 'Show details')
    const toggle = page.getByRole('button', { name: 'Show details' })
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await tabTo(page, 'Copy details')
    await page.keyboard.press('Enter')
    await page.getByText('Details copied').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('session=redacted')

    await tabTo(page, 'Comment (optional)')
    await page.keyboard.type('Cannot log in')
    await tabTo(page, 'Send report to support')
    await page.keyboard.press('Enter')
    const sent = page.getByText(/^Sent — reference SH-/)
    await sent.waitFor()
    const reference = ((await sent.textContent()) ?? '').replace('Sent — reference ', '')
    const stored = await status.storedReport(reference)
    expect(stored).toMatchObject({
      app: 'crm',
      comment: 'Cannot log in',
      failure: { kind: 'unreachable', errorCode: 'unknown-error' },
      shownMessage: XSS_MESSAGE,
      serviceWorker: { state: 'none' },
    })
    expect(stored.pageUrl).toContain('session=redacted')
    expect(JSON.stringify(stored)).not.toContain('SECRET-SESSION')
    const email = page.getByRole('link', { name: 'Email support' })
    expect(await email.getAttribute('href')).toMatch(/^mailto:support@example\.com\?subject=/)
    expect(problems).toEqual([])
  })
})
