import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser.js'
import { isHelpPage, type Scenario, startScenario } from './sw-fixture.js'

describe('service worker: everything but an outage passes through untouched', () => {
  let browser: Browser
  let scenario: Scenario
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    await scenario?.close()
  })

  it('serves 200 pages, 404s and redirects from the server, each fetched exactly once', async () => {
    scenario = await startScenario(browser, { status: { helpText: 'Call 0100' } })
    const { app, page } = scenario
    await scenario.visitOnce()
    app.hits.length = 0

    const about = await page.goto(`${app.origin}/about`)
    expect(about?.status()).toBe(200)
    expect(await isHelpPage(about)).toBe(false)
    expect(await page.title()).toBe('About the app')

    const missing = await page.goto(`${app.origin}/no-such-page`)
    expect(missing?.status()).toBe(404)
    expect(await isHelpPage(missing)).toBe(false)
    expect(await page.locator('h1').textContent()).toBe('App 404 page')

    const redirected = await page.goto(`${app.origin}/old`)
    expect(page.url()).toBe(`${app.origin}/about`)
    expect(redirected?.status()).toBe(200)
    expect(await page.title()).toBe('About the app')

    const pages = app.hits.filter((hit) => !/\.(js|css|ico)$/.test(hit.path.split('?')[0] ?? ''))
    expect(pages.map((hit) => `${hit.method} ${hit.path}`)).toEqual([
      'GET /about',
      'GET /no-such-page',
      'GET /old',
      'GET /about',
    ])
  })

  it('lets a form POST reach the server once and shows its own answer, even a 503', async () => {
    scenario = await startScenario(browser)
    const { app, page } = scenario
    await scenario.visitOnce()
    app.hits.length = 0

    await Promise.all([page.waitForURL(`${app.origin}/login`), page.click('#login')])
    expect(await page.locator('h1').textContent()).toBe('Welcome, user=ann')

    await page.goto(`${app.origin}/`)
    const [broken] = await Promise.all([
      page.waitForResponse(`${app.origin}/login-broken`),
      page.click('#login-broken'),
    ])
    expect(broken.status()).toBe(503)
    expect(await isHelpPage(broken)).toBe(false)
    await page.waitForLoadState()
    expect(await page.locator('h1').textContent()).toBe('The app says 503')

    expect(app.hits.filter((hit) => hit.method === 'POST').map((hit) => hit.path)).toEqual([
      '/login',
      '/login-broken',
    ])
  })

  it("hands the page's own requests their real answer, a 503 included", async () => {
    scenario = await startScenario(browser)
    const { app, page } = scenario
    await scenario.visitOnce()

    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/data')
      return { status: response.status, body: await response.text() }
    })
    expect(answer).toEqual({ status: 503, body: '{"error":"api down"}' })
    expect(app.hits.filter((hit) => hit.path === '/api/data')).toHaveLength(1)
  })

  it("keeps none of the app's pages or API answers in any cache", async () => {
    scenario = await startScenario(browser, { status: { helpText: 'Call 0100' } })
    const { app, page } = scenario
    await scenario.visitOnce()
    await page.goto(`${app.origin}/about`)
    await page.goto(`${app.origin}/no-such-page`)
    await page.evaluate(() => fetch('/api/data').then((response) => response.text()))

    const { caches, urls } = await scenario.cachedUrls()
    expect(caches.every((name) => name.startsWith('startup-help-'))).toBe(true)
    const paths = urls.map((url) => new URL(url).pathname).sort()
    // The client's lazily loaded chunks are ours too (precached for the in-page dialog).
    expect(paths.filter((path) => !path.startsWith('/chunks/'))).toEqual([
      '/__startup-help/known-status',
      '/__startup-help/last-successful-load',
      '/__startup-help/status-next-fetch',
      '/help-page.css',
      '/help-page.js',
    ])
  })
})

describe('service worker without a configuration', () => {
  let browser: Browser
  let scenario: Scenario
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await scenario?.close()
    await browser?.close()
  })

  it('passes every navigation through, outages included, rather than guess', async () => {
    scenario = await startScenario(browser, {
      routes: {
        'GET /bare': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' })
          res.end(
            '<!doctype html><title>Bare</title><script type="module">navigator.serviceWorker.register("/sw.js")</script>',
          )
        },
      },
    })
    const { app, page } = scenario
    await page.goto(`${app.origin}/bare`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 10_000,
    })
    // Only /bare here: the other pages register the configured worker.
    const again = await page.goto(`${app.origin}/bare`)
    expect(again?.status()).toBe(200)

    await app.setMode({ status: 503 })
    const unavailable = await page.goto(`${app.origin}/bare`)
    expect(unavailable?.status()).toBe(503)
    expect(await isHelpPage(unavailable)).toBe(false)
    await app.setMode('stopped')
    await expect(page.goto(`${app.origin}/bare`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/)
  })
})
