import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser.js'
import {
  type DemoApp,
  type StatusServiceHandle,
  startDemoApp,
  startStatusService,
} from './help-ui-fixture.js'

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

async function open(clientOptions: Record<string, unknown>): Promise<Page> {
  status ??= await startStatusService({ helpText: 'Call the duty admin' })
  app = await startDemoApp({ app: 'crm', statusUrl: status.origin, lang: 'en', ...clientOptions })
  context = await browser().newContext()
  const page = await context.newPage()
  await page.goto(`${app.origin}/`)
  return page
}

/** What `registerStartupHelp` resolved to on this page load. */
function outcome(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await (window as unknown as { registration: Promise<{ outcome: string }> })
      .registration
    return registration.outcome
  })
}

describe('registerStartupHelp', () => {
  it('registers the service worker with its configuration in the script URL', async () => {
    const page = await open({ appVersion: '1.4.2' })
    expect(await outcome(page)).toBe('registered')
    const scriptUrl = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready
      return registration.active?.scriptURL ?? ''
    })
    const config = JSON.parse(new URL(scriptUrl).searchParams.get('c') ?? 'null')
    expect(config).toMatchObject({
      app: 'crm',
      appVersion: '1.4.2',
      statusUrl: status?.origin,
      navigationTimeoutMs: 8000,
      outageStatuses: [502, 503, 504],
    })
  })

  it("unregisters the worker instead of registering when the status's kill switch is on", async () => {
    const page = await open({})
    expect(await outcome(page)).toBe('registered')
    await page.evaluate(() => navigator.serviceWorker.ready)
    status?.writeStatus({ disableServiceWorker: true })
    await page.reload()
    expect(await outcome(page)).toBe('disabled')
    await expect(
      page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
    ).resolves.toBe(0)
  })

  it('says why it failed, once, in the console, when the worker script cannot be loaded', async () => {
    status ??= await startStatusService({ helpText: 'Call the duty admin' })
    app = await startDemoApp({ app: 'crm', statusUrl: status.origin, swUrl: '/missing-sw.js' })
    context = await browser().newContext()
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().startsWith('startup-help:')) {
        warnings.push(message.text())
      }
    })
    await page.goto(`${app.origin}/`)
    const answer = await page.evaluate(async () => {
      const { outcome, reason } = await (
        window as unknown as { registration: Promise<{ outcome: string; reason?: string }> }
      ).registration
      return { outcome, reason }
    })
    expect(answer.outcome).toBe('failed')
    expect(answer.reason).toMatch(/^the service worker could not be registered: /)
    expect(warnings).toEqual([`startup-help: ${answer.reason}`])
  })

  it('without a service worker, keeps a report made offline and sends it once on the next start', async () => {
    const page = await open({ swUrl: '/missing-sw.js' })
    expect(await outcome(page)).toBe('failed')
    await status?.stop()
    await page.fill('#user', 'ann')
    await page.click('button[type=submit]')
    await page.getByRole('button', { name: 'Send report to support' }).click()
    await page
      .getByText('Saved — it will be sent automatically when the connection is back')
      .waitFor()

    await status?.start()
    await page.reload()
    await outcome(page)
    await expect
      .poll(async () => (await status?.storedReports())?.length, { timeout: 10_000 })
      .toBe(1)
    await page.reload()
    await outcome(page)
    await expect(
      page.evaluate(() => localStorage.getItem('startup-help:report-queue')),
    ).resolves.toBeNull()
    expect((await status?.storedReports())?.length).toBe(1)
  })
})
