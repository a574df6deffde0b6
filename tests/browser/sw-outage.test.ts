import { afterEach, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser.js'
import { isHelpPage, type Scenario, startScenario } from './sw-fixture.js'

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()

const status = () => ({
  helpText: 'Call the duty admin: +1 555 0100',
  helpUrl: 'https://wiki.example.com/login-help',
  userMessage: { en: 'Database upgrade in progress until 14:00.' },
  severity: 'maintenance' as const,
  expires: inAnHour(),
})

describe('service worker: the help page on outages', () => {
  const browser = useChromium()
  let scenario: Scenario | null = null
  afterEach(async () => {
    await scenario?.close()
    scenario = null
  })

  it('shows the cached message, help text and help link when the app server is stopped', async () => {
    scenario = await startScenario(browser(), { status: status() })
    const { app, page } = scenario
    await scenario.visitOnce()
    await app.setMode('stopped')

    const response = await page.goto(`${app.origin}/`)
    expect(await isHelpPage(response)).toBe(true)
    expect(response?.status()).toBe(503)
    expect(response?.headers()['cache-control']).toBe('no-store')
    await page.getByText('Database upgrade in progress until 14:00.').first().waitFor()
    await page.getByText('Call the duty admin: +1 555 0100').first().waitFor()
    const helpLinks = page.locator('a[href="https://wiki.example.com/login-help"]')
    expect(await helpLinks.count()).toBeGreaterThan(0)
    const model = JSON.parse(
      (await page.locator('#startup-help-model').textContent({ timeout: 2000 })) ?? 'null',
    )
    expect(model.failure).toMatchObject({ kind: 'unreachable', method: 'GET', status: null })
    expect(model.failure.url).toBe(`${app.origin}/`)
    expect(model.serviceWorkerState).toBe('controlling')
    expect(model.lastSuccessfulLoad).not.toBeNull()
  })

  it('shows the help page with the status and request id when the server answers 503', async () => {
    scenario = await startScenario(browser(), { status: status() })
    const { app, page } = scenario
    await scenario.visitOnce()
    await app.setMode({ status: 503 })

    const response = await page.goto(`${app.origin}/about`)
    expect(await isHelpPage(response)).toBe(true)
    const model = JSON.parse((await page.locator('#startup-help-model').textContent()) ?? 'null')
    expect(model.failure).toMatchObject({
      kind: 'http-error',
      status: 503,
      errorCode: 'http-503',
      requestId: 'req-test-42',
    })
    expect(app.allHits.filter((hit) => hit.path === '/about')).toHaveLength(1)
  })

  it('shows the help page for a hanging server once the navigation timeout has passed', async () => {
    scenario = await startScenario(browser(), { status: status() })
    const { app, page } = scenario
    await scenario.visitOnce()
    await app.setMode('hang')

    const response = await page.goto(`${app.origin}/`, { timeout: 15_000 })
    expect(await isHelpPage(response)).toBe(true)
    const model = JSON.parse((await page.locator('#startup-help-model').textContent()) ?? 'null')
    expect(model.failure).toMatchObject({ kind: 'timeout', errorCode: 'timeout' })
    expect(model.failure.durationMs).toBeGreaterThanOrEqual(scenario.config.navigationTimeoutMs)
  })

  it('says the device is offline when it has no network at all', async () => {
    scenario = await startScenario(browser(), { status: status() })
    const { app, page, context } = scenario
    await scenario.visitOnce()
    await context.setOffline(true)
    try {
      const response = await page.goto(`${app.origin}/about`)
      expect(await isHelpPage(response)).toBe(true)
      const model = JSON.parse((await page.locator('#startup-help-model').textContent()) ?? 'null')
      expect(model.failure).toMatchObject({ kind: 'offline', errorCode: 'offline' })
    } finally {
      await context.setOffline(false)
    }
  })

  it('shows the last known message and help when the status service is down too', async () => {
    scenario = await startScenario(browser(), { status: status() })
    const { app, page } = scenario
    await scenario.visitOnce()
    await scenario.status.stop()
    await app.setMode('stopped')

    const response = await page.goto(`${app.origin}/`)
    expect(await isHelpPage(response)).toBe(true)
    await page.getByText('Call the duty admin: +1 555 0100').first().waitFor()
    await page.getByText('Database upgrade in progress until 14:00.').first().waitFor()
    expect(await page.getByText('Default help text from the app').count()).toBe(0)
  })

  it('loads the app by itself once the server is back', async () => {
    scenario = await startScenario(browser(), { status: { ...status(), retryAfterSeconds: 1 } })
    const { app, page } = scenario
    await scenario.visitOnce()
    await app.setMode('stopped')
    const response = await page.goto(`${app.origin}/about`)
    expect(await isHelpPage(response)).toBe(true)

    await app.setMode('normal')
    await page.waitForFunction(() => document.title === 'About the app', undefined, {
      timeout: 20_000,
    })
    expect(page.url()).toBe(`${app.origin}/about`)
  })
})
