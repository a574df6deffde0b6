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

const XSS_HELP = 'Call the duty admin <img src=x onerror="window.__xss=1">\nor write to the chat'
const XSS_MESSAGE = 'Upgrade <img src=x onerror="window.__xss=2"> until 14:00'

const statusDocument = (): StatusDocument => ({
  helpText: XSS_HELP,
  supportEmail: 'support@example.com',
  userMessage: XSS_MESSAGE,
  severity: 'maintenance',
  expires: new Date(Date.now() + 86_400_000).toISOString(),
  // The dialog's automatic retry would reload the page (its GET / works) in the middle of slow
  // checks such as axe; these tests retry by hand.
  retryAfterSeconds: 600,
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

/** Opens the app (with a secret in the URL and a cookie), fills the form and logs in by keyboard. */
async function failLogin(
  clientOptions: Record<string, unknown> = {},
): Promise<{ page: Page; problems: string[] }> {
  status = await startStatusService(statusDocument())
  app = await startDemoApp({
    app: 'crm',
    appVersion: '1.4.2',
    statusUrl: status.origin,
    lang: 'en',
    ...clientOptions,
  })
  context = await browser().newContext()
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin })
  await context.addCookies([{ name: 'sid', value: 'COOKIE-SECRET', url: app.origin }])
  const page = await context.newPage()
  const problems = watchProblems(page)
  await page.goto(`${app.origin}/?token=SECRET-QUERY-TOKEN&tab=login`)
  await page.evaluate(async () => {
    await (window as unknown as { registration: Promise<unknown> }).registration
  })
  await page.fill('#user', 'ann')
  await page.fill('#password', 'PASSWORD-SECRET')
  await page.focus('#password')
  await page.keyboard.press('Enter')
  await page.getByRole('dialog').waitFor()
  return { page, problems }
}

describe('in-page help dialog (showStartupError)', () => {
  it('opens when the login answers 503, saying sorry and naming the app, with the request id only in the details', async () => {
    const { page, problems } = await failLogin({ appName: 'CRM' })
    const dialog = page.getByRole('dialog')
    // The status announces a maintenance: the app "is unavailable" (GOV.UK's pattern).
    const heading = dialog.getByRole('heading', { name: 'Sorry, CRM is unavailable' })
    await expect(heading.isVisible()).resolves.toBe(true)
    await expect(
      dialog.getByText('It is not working properly at the moment.').isVisible(),
    ).resolves.toBe(true)
    expect(await heading.textContent()).not.toMatch(/\d{3}|server|error/i)
    await dialog.getByRole('button', { name: 'Show details' }).click()
    const details = (await dialog.locator('.sh-facts').textContent()) ?? ''
    expect(details).toContain('req-login-503')
    expect(details).toContain('POST')
    expect(details).toContain('503')
    expect(problems).toEqual([])
  })

  it('opens when the login connection drops, saying in plain words that it cannot connect', async () => {
    const { page } = await failLoginWithMode('drop')
    await expect(
      page.getByRole('heading', { name: 'Sorry, the service is unavailable' }).isVisible(),
    ).resolves.toBe(true)
    await expect(
      page.getByText('We cannot connect to it at the moment.').isVisible(),
    ).resolves.toBe(true)
  })

  it('never runs markup from the status nor turns a javascript: help URL into a link', async () => {
    const { page, problems } = await failLogin({ helpUrl: 'javascript:window.__xss=3' })
    const dialog = page.getByRole('dialog')
    await expect(
      dialog.getByText('<img src=x onerror="window.__xss=1">', { exact: false }).count(),
    ).resolves.toBe(1)
    await expect(dialog.getByText(XSS_MESSAGE).isVisible()).resolves.toBe(true)
    await expect(dialog.locator('img').count()).resolves.toBe(0)
    await expect(dialog.getByRole('link', { name: 'Need help' }).count()).resolves.toBe(0)
    await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined()
    expect(problems).toEqual([])
  })

  it('has no axe-core violations, closed or with details open', async () => {
    const { page } = await failLogin({ helpUrl: 'https://wiki.example.com/login-help' })
    const closed = await new AxeBuilder({ page }).analyze()
    expect(closed.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
    await page.getByRole('button', { name: 'Show details' }).click()
    const open = await new AxeBuilder({ page }).analyze()
    expect(open.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
    // axe-core runs long on a loaded box; nothing here is about speed.
  }, 60_000)

  it('works by keyboard: details toggle, copy, and a report that carries no secret', async () => {
    const { page } = await failLogin()
    await tabTo(page, 'Show details')
    const toggle = page.getByRole('button', { name: 'Show details' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await expect(page.locator('.sh-details').isVisible()).resolves.toBe(true)

    await tabTo(page, 'Copy details')
    await page.keyboard.press('Enter')
    await page.getByText('Details copied').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain('req-login-503')
    expect(copied).not.toContain('SECRET-QUERY-TOKEN')

    await tabTo(page, 'Comment (optional)')
    await page.keyboard.type('Login fails since 9:00')
    await page.keyboard.press('Tab')
    await page.keyboard.type('ann@example.com')
    await tabTo(page, 'Send report to support')
    await page.keyboard.press('Enter')
    const sent = page.getByText(/^Sent — reference SH-/)
    await sent.waitFor()
    const reference = ((await sent.textContent()) ?? '').replace('Sent — reference ', '')

    const stored = await (status as StatusServiceHandle).storedReport(reference)
    expect(stored).toMatchObject({
      id: reference,
      app: 'crm',
      appVersion: '1.4.2',
      comment: 'Login fails since 9:00',
      contact: 'ann@example.com',
      failure: { kind: 'http-error', method: 'POST', status: 503, requestId: 'req-login-503' },
      browser: { language: expect.any(String), online: true },
      shownMessage: XSS_MESSAGE,
    })
    expect(stored.pageUrl).toContain('token=redacted')
    expect(stored.pageUrl).toContain('tab=login')
    const text = JSON.stringify(stored)
    for (const secret of ['SECRET-QUERY-TOKEN', 'COOKIE-SECRET', 'PASSWORD-SECRET']) {
      expect(text).not.toContain(secret)
    }
    // What "Show details" showed is what was stored.
    const preview = JSON.parse((await page.locator('.sh-report').textContent()) ?? '{}')
    expect(preview.clientReportId).toBe(stored.clientReportId)
    expect(preview.comment).toBe(stored.comment)
  })

  it('retries by keyboard: once the server answers again the dialog closes and what the user typed is still there', async () => {
    const { page } = await failLogin()
    await expect(page.getByText(/Trying again in \d+ s/).isVisible()).resolves.toBe(true)
    await expect(
      page.getByText('What you entered on this page has not been lost.').isVisible(),
    ).resolves.toBe(true)
    await tabTo(page, 'Try again')
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await expect(page.inputValue('#user')).resolves.toBe('ann')
    await expect(page.inputValue('#password')).resolves.toBe('PASSWORD-SECRET')
    expect(await focused(page)).toMatchObject({ name: 'Password', tag: 'input' })
  })

  it('lets the user turn automatic retry off and on again (WCAG 2.2.1)', async () => {
    const { page } = await failLogin()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Stop automatic retry' }).click()
    await dialog
      .getByText('Automatic retry is off. Use "Try again" when you are ready.')
      .first()
      .waitFor()
    const toggle = dialog.getByRole('button', { name: 'Retry automatically' })
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true')
    await toggle.click()
    await dialog.getByText(/Trying again in \d+ s/).waitFor()
  })

  it('closes on Escape and gives focus back to where it was', async () => {
    const { page } = await failLogin()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog').count()).resolves.toBe(0)
    expect(await focused(page)).toMatchObject({ name: 'Password', tag: 'input' })
  })
})

async function failLoginWithMode(mode: 'drop' | 'http-503') {
  status = await startStatusService(statusDocument())
  app = await startDemoApp({ app: 'crm', statusUrl: status.origin, lang: 'en' })
  app.loginMode = mode
  context = await browser().newContext()
  const page = await context.newPage()
  await page.goto(`${app.origin}/`)
  await page.evaluate(() => (window as unknown as { registration: Promise<unknown> }).registration)
  await page.fill('#user', 'ann')
  await page.click('button[type=submit]')
  await page.getByRole('dialog').waitFor()
  return { page }
}
