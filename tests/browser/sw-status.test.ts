import { afterEach, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser.js'
import { isHelpPage, type Scenario, startScenario } from './sw-fixture.js'

const sleepUntil = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - Date.now())))

describe('service worker: the last known status', () => {
  const browser = useChromium()
  let scenario: Scenario
  afterEach(async () => {
    await scenario?.close()
  })

  it('shows a message read earlier only inside its window, with both services down', async () => {
    scenario = await startScenario(browser(), { status: { helpText: 'Call 0100' } })
    const { app, page, status } = scenario
    await scenario.visitOnce()
    // The window is set after the first visit, so a slow machine can't eat into it.
    const startsAt = Date.now() + 4_000
    const expires = startsAt + 3_000
    const text = 'Planned maintenance: back in a few seconds.'
    await status.writeStatus({
      helpText: 'Call 0100',
      userMessage: text,
      severity: 'maintenance',
      startsAt: new Date(startsAt).toISOString(),
      expires: new Date(expires).toISOString(),
    })
    await page.goto(`${app.origin}/about`)
    await page.waitForFunction(
      async (wanted) => {
        const cache = await caches.open('startup-help-state-v1')
        const known = await cache.match(new URL('/__startup-help/known-status', location.href))
        return known ? (await known.text()).includes(wanted) : false
      },
      text,
      { polling: 100 },
    )
    await status.stop()
    await app.setMode('stopped')
    const shown = async () => {
      const response = await page.goto(`${app.origin}/`)
      expect(await isHelpPage(response)).toBe(true)
      await page.getByText('Call 0100').first().waitFor()
      return (await page.getByText(text).count()) > 0
    }

    expect(await shown()).toBe(false)
    expect(Date.now()).toBeLessThan(startsAt)
    await sleepUntil(startsAt + 300)
    expect(await shown()).toBe(true)
    await sleepUntil(expires + 300)
    expect(await shown()).toBe(false)
  })

  it('reads the status at most as often as its Cache-Control max-age allows', async () => {
    scenario = await startScenario(browser(), {
      status: { helpText: 'Call 0100' },
      statusMaxAgeSeconds: 60,
    })
    const { app, page, status } = scenario
    await scenario.visitOnce()
    const reads = () => status.hits.filter((hit) => hit === 'GET /v1/status').length
    expect(reads()).toBe(1)

    for (const path of ['/about', '/', '/about']) await page.goto(`${app.origin}${path}`)
    // Give the worker's background work (after each navigation) time to happen if it would.
    await page.waitForTimeout(300)
    expect(reads()).toBe(1)
  })

  it('reads the status again after a successful navigation once max-age has run out', async () => {
    scenario = await startScenario(browser(), { status: { helpText: 'Call 0100' } })
    const { app, page, status } = scenario
    await scenario.visitOnce()
    await status.writeStatus({ helpText: 'New number: 0200' })

    await page.goto(`${app.origin}/about`)
    await expect.poll(() => status.hits.filter((hit) => hit === 'GET /v1/status').length).toBe(2)
    await app.setMode('stopped')
    await page.goto(`${app.origin}/`)
    await page.getByText('New number: 0200').first().waitFor()
  })

  it('unregisters itself and deletes its caches when the status sets the kill switch', async () => {
    scenario = await startScenario(browser(), {
      status: { helpText: 'Call 0100' },
      // A page that does not register the worker again: this proves the worker's own switch.
      routes: {
        'GET /plain': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' })
          res.end('<!doctype html><title>Plain</title><h1>Plain page</h1>')
        },
      },
    })
    const { app, page, status } = scenario
    await scenario.visitOnce()
    expect((await scenario.cachedUrls()).caches.length).toBeGreaterThan(0)

    await status.writeStatus({ helpText: 'Call 0100', disableServiceWorker: true })
    await page.goto(`${app.origin}/plain`)
    await expect
      .poll(() =>
        page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)),
      )
      .toBe(0)
    await expect.poll(async () => (await scenario.cachedUrls()).caches).toEqual([])

    await app.setMode('stopped')
    await expect(page.goto(`${app.origin}/`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/)
  })
})
