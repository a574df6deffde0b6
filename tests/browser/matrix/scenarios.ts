/**
 * What an end user sees, written once and run in every engine of the matrix (one test file per
 * engine, so vitest runs the engines in parallel): registration, outages, details, reports, the
 * in-page dialog, untouched healthy answers and redirects, the kill switch and updates.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startSwitchableServer } from '../../support/browser.js'
import type { EngineName } from '../../support/engines/engine.js'
import { useEngine } from '../../support/engines/launch.js'
import {
  clickByName,
  helpModel,
  visibleText,
  waitForKillSwitch,
  waitForText,
  waitUntil,
} from '../../support/engines/page-actions.js'
import { startDemoApp, startStatusService } from '../help-ui-fixture.js'
import type { ScenarioOptions } from '../sw-fixture.js'
import { type MatrixScenario, startMatrixScenario } from './matrix-fixture.js'

/** WebKit under Xvfb on two loaded cores is the slowest engine; this bounds any one scenario. */
const SCENARIO_TIMEOUT_MS = 60_000

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()
const statusDocument = () => ({
  helpText: 'Call the duty admin: +1 555 0100',
  helpUrl: 'https://wiki.example.com/login-help',
  userMessage: { en: 'Database upgrade in progress until 14:00.' },
  severity: 'maintenance' as const,
  expires: inAnHour(),
})

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()
/** An active outage and a maintenance announced for later, for the in-app banner. */
const mailDown = () => ({
  id: 'mail-down',
  severity: 'outage' as const,
  expires: inHours(1),
  title: 'Mail is down',
  body: 'Mail has been down since 09:00.',
})
const dbUpgrade = () => ({
  id: 'db-upgrade',
  severity: 'maintenance' as const,
  startsAt: inHours(2),
  expires: inHours(3),
  title: 'Database upgrade',
  body: 'CRM will be read-only for an hour.',
})
const notices = () => [mailDown(), dbUpgrade()]
const BANNER = { clientOptions: { banner: true } }

/** The banner's notices as the user sees them, in order, through its shadow root. */
function bannerTexts(page: MatrixScenario['page']): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-startup-help="banner"]')?.shadowRoot
    const region = root?.querySelector('[role="status"]')
    if (!region || region.getClientRects().length === 0) return []
    return Array.from(region.querySelectorAll('li')).map((li) =>
      (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    )
  }, null)
}

/**
 * Declares the matrix for one engine.
 *
 * @example
 * // tests/browser/matrix/firefox.test.ts
 * defineMatrix('firefox')
 */
export function defineMatrix(name: EngineName): void {
  // Navigation preload is on in Chromium only (see sw/navigation-preload.ts for why).
  const PRELOAD_ON = name.startsWith('chromium')
  describe(`${name}: what the user sees`, { timeout: SCENARIO_TIMEOUT_MS }, () => {
    const engine = useEngine(name)
    let scenario: MatrixScenario | null = null
    const start = async (options: ScenarioOptions = {}) => {
      scenario = await startMatrixScenario(engine(), { status: statusDocument(), ...options })
      await scenario.visitOnce()
      return scenario
    }
    afterEach(async () => {
      await scenario?.close()
      scenario = null
    })

    it('registers the worker, which controls the page after a reload', async () => {
      const { page } = await start()
      await page.reload()
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null, null)).toBe(
        true,
      )
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('App home')
    })

    /** Opens the app with a broken worker and answers what registerStartupHelp resolved. */
    const registerBroken = async (transformWorker: (source: string) => string) => {
      scenario = await startMatrixScenario(engine(), { status: statusDocument(), transformWorker })
      const { page, app } = scenario
      await page.goto(`${app.origin}/`)
      const answer = await waitUntil(
        page,
        async () => {
          const pending = (window as unknown as { startupHelpRegistration?: Promise<unknown> })
            .startupHelpRegistration
          if (!pending) return null
          const { outcome, reason } = (await pending) as { outcome: string; reason?: string }
          return { outcome, reason: reason ?? null }
        },
        null,
        { what: 'registerStartupHelp to answer' },
      )
      expect(await page.evaluate(() => navigator.serviceWorker.controller === null, null)).toBe(
        true,
      )
      return answer
    }

    it('answers "failed" with the reason when the worker throws while it is evaluated', async () => {
      const answer = await registerBroken(
        (source) => `throw new Error('broken build of the worker')\n${source}`,
      )
      expect(answer?.outcome).toBe('failed')
      expect(answer?.reason).toMatch(/^the service worker could not be registered: /)
    })

    it('answers "failed" with the reason when the worker fails to install', async () => {
      const answer = await registerBroken(
        (source) => `${source}
self.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('precache failed'))))`,
      )
      expect(answer).toEqual({
        outcome: 'failed',
        reason: 'the service worker failed to install (see the worker console for its error)',
      })
    })

    it('leaves a healthy page untouched: fetched once, through navigation preload where it is on', async () => {
      const { page, app } = await start()
      await page.goto(`${app.origin}/about`)
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('About the app')
      const hits = app.allHits.filter((hit) => hit.path === '/about')
      expect(hits).toEqual([{ method: 'GET', path: '/about', preload: PRELOAD_ON }])
    })

    it("leaves the app's 404 page untouched", async () => {
      const { page, app } = await start()
      await page.goto(`${app.origin}/no-such-page`)
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('App 404 page')
    })

    it('shows the help page with the message and help when the server is stopped', async () => {
      const { page, app } = await start()
      await app.setMode('stopped')
      await page.goto(`${app.origin}/`)
      const model = await helpModel(page)
      expect(model?.failure).toMatchObject({ kind: 'unreachable', status: null })
      const text = await waitForText(page, 'Database upgrade in progress until 14:00.')
      expect(text).toContain('Call the duty admin: +1 555 0100')
      expect(text).toContain('Need help')
      // Sorry in plain words, the app's name, when it is back (the maintenance's end time).
      expect(text).toContain('Sorry, CRM is unavailable')
      expect(text).toContain('We cannot connect to it at the moment.')
      expect(text).toMatch(/You will be able to use it again from \d{1,2}:\d\d( [AP]M)?\./)
      // The heading has focus, so a screen reader starts there.
      const focused = await page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.tagName ?? null,
        null,
      )
      expect(focused).toBe('H1')
    })

    it('shows the help page on a 503, with the request id under "Show details"', async () => {
      const { page, app } = await start()
      await app.setMode({ status: 503 })
      await page.goto(`${app.origin}/about`)
      expect((await helpModel(page))?.failure).toMatchObject({
        kind: 'http-error',
        status: 503,
        requestId: 'req-test-42',
      })
      expect(await waitForText(page, 'Show details')).not.toContain('req-test-42')
      await clickByName(page, 'Show details')
      await waitForText(page, 'req-test-42')
      expect(app.allHits.filter((hit) => hit.path === '/about')).toEqual([
        { method: 'GET', path: '/about', preload: PRELOAD_ON },
      ])
    })

    it('shows the help page once the timeout has passed when the server hangs', async () => {
      const { page, app, config } = await start()
      await app.setMode('hang')
      await page.goto(`${app.origin}/`)
      const model = await helpModel(page)
      expect(model?.failure.kind).toBe('timeout')
      expect(model?.failure.durationMs).toBeGreaterThanOrEqual(config.navigationTimeoutMs)
    })

    it('shows the help page when the server sends headers and then stalls the body', async () => {
      const { page, app } = await start()
      await app.setMode('stall-body')
      await page.goto(`${app.origin}/`)
      expect((await helpModel(page))?.failure.kind).toBe('timeout')
    })

    it('sends a report in one click and shows its reference', async () => {
      const scenario = await start()
      const { page, app } = scenario
      await app.setMode('stopped')
      await page.goto(`${app.origin}/`)
      await clickByName(page, 'Send report to support')
      const text = await waitForText(page, /Sent — reference SH-/)
      const reports = await scenario.storedReports()
      expect(reports).toHaveLength(1)
      expect(text).toContain(reports[0]?.id)
    })

    it('keeps a report while the status service is down and delivers it exactly once when it is back', async () => {
      const scenario = await start()
      const { page, app, status } = scenario
      await status.stop()
      await app.setMode('stopped')
      await page.goto(`${app.origin}/`)
      await clickByName(page, 'Send report to support')
      await waitForText(page, 'Saved — it will be sent automatically')

      await status.start()
      // No navigation: the page tells the worker it is back online (what Firefox and Safari,
      // without Background Sync, rely on besides the worker's start and the next navigation).
      await page.evaluate(() => window.dispatchEvent(new Event('online')), null)
      await expect.poll(() => scenario.storedReports(), { timeout: 15_000 }).toHaveLength(1)
      // Every later trigger finds the queue empty: still one report.
      await app.setMode('normal')
      await page.goto(`${app.origin}/about`)
      await page.goto(`${app.origin}/`)
      await page.evaluate(() => window.dispatchEvent(new Event('online')), null)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await scenario.storedReports()).toHaveLength(1)
    })

    it('follows a redirect to a page, and a cross-origin sign-in redirect, as without the worker', async () => {
      let target = ''
      const { page, app } = await start({
        routes: {
          'GET /signin': (_req, res) => {
            res.writeHead(302, { location: target })
            res.end()
          },
        },
      })
      target = `${scenario?.status.origin}/healthz`
      await page.goto(`${app.origin}/old`)
      expect(await page.url()).toBe(`${app.origin}/about`)
      expect(await visibleText(page)).toContain('About the app')
      await page.goto(`${app.origin}/signin`)
      expect(await page.url()).toBe(target)
      expect(await helpModel(page)).toBeNull()
    })

    it('signs in through an identity provider on another origin, and leaves an excluded callback to the app', async () => {
      const callbacks: string[] = []
      // The identity provider: sends the user straight back to redirect_uri with a code.
      const provider = await startSwitchableServer(async (req, res) => {
        const asked = new URL(req.url ?? '/', 'http://provider.invalid')
        const back = new URL(asked.searchParams.get('redirect_uri') ?? '')
        back.searchParams.set('code', `code-${callbacks.length + 1}`)
        back.searchParams.set('state', asked.searchParams.get('state') ?? '')
        if (stopAppAtProvider) await scenario?.app.setMode('stopped')
        res.writeHead(302, { location: back.href })
        res.end()
      })
      let callbackAnswer: 'welcome' | 'failing' = 'welcome'
      let stopAppAtProvider = false
      try {
        const { page, app } = await start({
          excludePaths: ['/auth/'],
          routes: {
            'GET /signin': (_req, res) => {
              const callback = `${scenario?.app.origin}/auth/callback`
              const authorize = `${provider.origin}/authorize?state=s1&redirect_uri=${encodeURIComponent(callback)}`
              res.writeHead(302, { location: authorize })
              res.end()
            },
            'GET /auth/callback': (req, res) => {
              callbacks.push(req.url ?? '')
              if (callbackAnswer === 'failing') {
                res.writeHead(503, { 'content-type': 'text/plain' })
                res.end('the callback failed (app status 503)')
                return
              }
              res.writeHead(302, { location: '/about' })
              res.end()
            },
          },
        })
        await page.goto(`${app.origin}/signin`)
        expect(await page.url()).toBe(`${app.origin}/about`)
        expect(callbacks).toEqual(['/auth/callback?code=code-1&state=s1'])
        // The app fails as the provider sends the user back: the app's own answer, reached once.
        callbackAnswer = 'failing'
        await page.goto(`${app.origin}/signin`)
        expect(await helpModel(page)).toBeNull()
        expect(await visibleText(page)).toContain('the callback failed (app status 503)')
        expect(callbacks).toHaveLength(2)
        // Outside the excluded paths an outage gets the help page.
        await app.setMode({ status: 503 })
        await page.goto(`${app.origin}/signin`)
        expect((await helpModel(page))?.failure.kind).toBe('http-error')
        await app.setMode('normal')
        await page.goto(`${app.origin}/about`)
        // Last (the browser's error page may still be loading when the test ends): the app goes
        // down while the user is at the provider, and the excluded callback is left to the
        // browser, never our help page with a retry of a used code.
        stopAppAtProvider = true
        await page.goto(`${app.origin}/signin`).catch(() => {})
        expect(provider.hits).toHaveLength(3)
        await expect
          .poll(() => page.url().catch(() => ''), { timeout: 20_000 })
          .not.toBe(`${app.origin}/about`)
        expect(await helpModel(page).catch(() => null)).toBeNull()
      } finally {
        await provider.close()
      }
    })

    it('unregisters itself and deletes its caches when the kill switch is on', async () => {
      const { page, app, status } = await start()
      await status.writeStatus({ ...statusDocument(), disableServiceWorker: true })
      await page.goto(`${app.origin}/about`)
      await waitForKillSwitch(page)
      await app.setMode({ status: 503 })
      await page.goto(`${app.origin}/about`)
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('status 503')
    })

    it('takes a new worker version on the next navigations, without closing the tab', async () => {
      let version = 1
      // The app's worker, byte-changed per version, answering which version it is.
      const versioned = (source: string) => `${source}
self.addEventListener('message', (event) => {
  if (event.data === 'which-version') event.ports[0].postMessage(${version})
})`
      const { page, app } = await start({ transformWorker: (source) => versioned(source) })
      const controllerVersion = () =>
        page.evaluate(
          () =>
            new Promise<number | null>((resolve) => {
              const controller = navigator.serviceWorker.controller
              if (!controller) return resolve(null)
              const channel = new MessageChannel()
              channel.port1.onmessage = (event) => resolve(event.data as number)
              controller.postMessage('which-version', [channel.port2])
              setTimeout(() => resolve(null), 2000)
            }),
          null,
        )
      expect(await controllerVersion()).toBe(1)
      version = 2
      await page.goto(`${app.origin}/about`)
      // The navigation makes the browser check for an update. Chromium defers that check while
      // the worker handles events, so the wait below watches the page and sends the worker none.
      await page.evaluate(() => {
        ;(window as unknown as { firstController: unknown }).firstController =
          navigator.serviceWorker.controller
      }, null)
      if ((await controllerVersion()) !== 2) {
        await waitUntil(
          page,
          () =>
            navigator.serviceWorker.controller !==
            (window as unknown as { firstController: unknown }).firstController,
          null,
          { timeoutMs: 30_000, what: 'the new worker version to take control' },
        )
      }
      expect(await controllerVersion()).toBe(2)
      await app.setMode('stopped')
      await page.goto(`${app.origin}/`)
      expect((await helpModel(page))?.failure.kind).toBe('unreachable')
    }, 60_000)

    it('opens the in-page dialog when the login call answers 503, with the request id under "Show details"', async () => {
      const status = await startStatusService(statusDocument())
      const app = await startDemoApp({
        app: 'crm',
        appName: 'CRM',
        statusUrl: status.origin,
        lang: 'en',
      })
      const page = await engine().newPage()
      try {
        await page.goto(`${app.origin}/`)
        // app.js (a module) sets window.registration and then adds the form's submit handler.
        await waitUntil(page, () => 'registration' in window, null, { what: 'app.js to run' })
        await page.evaluate(async () => {
          await (window as unknown as { registration: Promise<unknown> }).registration
          const form = document.getElementById('login') as HTMLFormElement
          form.requestSubmit()
        }, null)
        const text = await waitForText(page, 'Sorry, CRM is unavailable')
        expect(text).toContain('What you entered on this page has not been lost.')
        expect(text).toContain('Call the duty admin: +1 555 0100')
        await clickByName(page, 'Show details')
        await waitForText(page, 'req-login-503')
      } finally {
        await page.close()
        await app.close()
        await status.close()
      }
    })

    it('shows the active and the upcoming notices in the in-app banner, most severe first', async () => {
      const { page } = await start({ status: { messages: notices() }, ...BANNER })
      await waitUntil(
        page,
        () =>
          document.querySelector('[data-startup-help="banner"]')?.shadowRoot?.querySelectorAll('li')
            .length === 2,
        null,
        { what: 'the banner to show two notices', timeoutMs: 20_000 },
      )
      const texts = await bannerTexts(page)
      expect(texts[0]).toContain('Outage')
      expect(texts[0]).toContain('Mail has been down since 09:00.')
      expect(texts[1]).toMatch(/^Maintenance · From .+Database upgrade/)
      // The app itself is untouched around it.
      expect(await visibleText(page)).toContain('App home')
    })

    it('keeps a notice dismissed in the banner hidden after a reload, and shows a new or changed one', async () => {
      const scenario = await start({ status: { messages: notices() }, ...BANNER })
      const { page, status } = scenario
      await waitForText(page, 'Mail has been down since 09:00.', 20_000)
      await clickByName(page, 'Hide this notice: Mail is down')
      await waitUntil(
        page,
        () =>
          document.querySelector('[data-startup-help="banner"]')?.shadowRoot?.querySelectorAll('li')
            .length === 1,
        null,
        { what: 'the dismissed notice to leave the banner' },
      )
      expect(await bannerTexts(page)).toEqual([expect.stringContaining('Database upgrade')])

      await page.reload()
      await waitForText(page, 'CRM will be read-only for an hour.', 20_000)
      expect((await bannerTexts(page)).join(' ')).not.toContain('Mail is down')

      await status.writeStatus({
        messages: [
          { ...mailDown(), body: 'Mail has been down since 09:00. Fixed by 12:00.' },
          dbUpgrade(),
          { id: 'vpn', severity: 'info', title: 'New VPN', body: 'Use the new VPN from Monday.' },
        ],
      })
      await page.reload()
      await waitForText(page, 'Use the new VPN from Monday.', 20_000)
      await waitForText(page, 'Fixed by 12:00.', 20_000)
    })

    it('still shows the last known notice in the banner while the status service is down', async () => {
      const scenario = await start({ status: { messages: notices() }, ...BANNER })
      const { page, status } = scenario
      await waitForText(page, 'Mail has been down since 09:00.', 20_000)
      await status.stop()
      await page.reload()
      const text = await waitForText(page, 'Mail has been down since 09:00.', 20_000)
      expect(text).toContain('CRM will be read-only for an hour.')
    })
  })
}
