/**
 * The example apps under examples/, built by Vite with vite-plugin-pwa from the packed package,
 * and used as an end user would in every engine of the matrix: the help page on down / 503 /
 * hang, the apps' own routes, precache and SPA shell still served, healthy pages untouched, and
 * the kill switch removing only startup-help's caches.
 */
import type { ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type StatusServiceHandle, startStatusService } from '../browser/help-ui-fixture.js'
import { type SwitchableServer, serveFile, startSwitchableServer } from '../support/browser.js'
import type { EngineName, EnginePage } from '../support/engines/engine.js'
import { useEngine } from '../support/engines/launch.js'
import {
  forgetOrigin,
  helpModel,
  visibleText,
  waitForKillSwitch,
  waitForText,
  waitUntil,
} from '../support/engines/page-actions.js'
import { buildExample, installExample, packPackage, removeConsumerDir } from './consumer-package.js'

const SCENARIO_TIMEOUT_MS = 60_000
const NAVIGATION_TIMEOUT_MS = 1500
const STATUS = {
  helpText: 'Call the duty admin: +1 555 0100',
  userMessage: { en: 'Database upgrade in progress.' },
  severity: 'maintenance' as const,
}

function html(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'content-type': 'text/html; charset=utf-8' })
  res.end(body)
}

/** The example's server: its built files, a login API and one page rendered by the server. */
function startExampleServer(dist: string): Promise<SwitchableServer> {
  return startSwitchableServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method === 'POST' && path === '/api/login') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
      return
    }
    if (req.method === 'GET' && path.startsWith('/server/')) {
      return html(res, 200, '<!doctype html><title>Report</title><h1>Monthly report (server)</h1>')
    }
    if (req.method === 'GET' && serveFile(res, dist, path === '/' ? '/index.html' : path)) return
    return html(res, 404, '<!doctype html><title>Not found</title><h1>App 404 page</h1>')
  })
}

/** First visit: the page registers the worker; after a reload it is in control. */
async function visitOnce(page: EnginePage, origin: string): Promise<void> {
  await page.goto(`${origin}/`)
  await waitUntil(
    page,
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
    null,
    { what: 'the worker to activate', timeoutMs: 20_000 },
  )
  await page.reload()
  await waitUntil(page, () => navigator.serviceWorker.controller !== null, null, {
    what: 'the worker to control the page',
  })
}

const cacheNames = (page: EnginePage) => page.evaluate(() => caches.keys(), null)

/**
 * Declares the example scenarios for one engine.
 *
 * @example
 * defineExampleMatrix('firefox')
 */
export function defineExampleMatrix(name: EngineName): void {
  describe(`${name}: the example apps, built from the packed package`, {
    timeout: SCENARIO_TIMEOUT_MS,
  }, () => {
    const engine = useEngine(name)
    let status: StatusServiceHandle
    let consumerDir = ''
    const dists: Record<'inject' | 'generate', string> = { inject: '', generate: '' }
    let app: SwitchableServer | null = null
    let page: EnginePage | null = null

    beforeAll(async () => {
      status = await startStatusService(STATUS)
      const { tarball, dir } = await packPackage()
      consumerDir = dir
      const env = {
        VITE_STATUS_URL: status.origin,
        VITE_NAVIGATION_TIMEOUT_MS: String(NAVIGATION_TIMEOUT_MS),
      }
      const inject = await installExample('vite-pwa-inject', tarball, dir)
      const generate = await installExample('vite-pwa-generate', tarball, dir)
      dists.inject = await buildExample(inject, env)
      dists.generate = await buildExample(generate, env)
    }, 240_000)
    afterAll(async () => {
      await status?.close()
      removeConsumerDir(consumerDir)
    })
    afterEach(async () => {
      if (page) await forgetOrigin(page).catch(() => {})
      await page?.close()
      await app?.close()
      page = null
      app = null
      status.writeStatus(STATUS)
    })

    const start = async (example: 'inject' | 'generate') => {
      app = await startExampleServer(dists[example])
      page = await engine().newPage()
      await visitOnce(page, app.origin)
      return { app, page }
    }

    const expectHelpOnEveryOutage = async (
      server: SwitchableServer,
      p: EnginePage,
      path: string,
    ) => {
      await server.setMode('stopped')
      await p.goto(`${server.origin}${path}`)
      expect((await helpModel(p))?.failure.kind).toBe('unreachable')
      await waitForText(p, 'Call the duty admin')
      await server.setMode({ status: 503 })
      await p.goto(`${server.origin}${path}`)
      expect((await helpModel(p))?.failure).toMatchObject({ kind: 'http-error', status: 503 })
      await server.setMode('hang')
      await p.goto(`${server.origin}${path}`)
      expect((await helpModel(p))?.failure.kind).toBe('timeout')
      await server.setMode('normal')
    }

    it("injectManifest: the app's own route and precache work, healthy pages are the app's", async () => {
      const { app, page } = await start('inject')
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('Sign in')
      const precached = await page.evaluate(async () => {
        const names = await caches.keys()
        const precache = names.find((n) => n.includes('precache'))
        if (!precache) return []
        const keys = await (await caches.open(precache)).keys()
        return keys.map((request) => new URL(request.url).pathname)
      }, null)
      expect(precached).toContain('/help-page.js')
      expect(precached.some((path) => /^\/assets\/main-.*\.js$/.test(path))).toBe(true)
      expect(precached.some((path) => path.endsWith('.html'))).toBe(false)
      await app.setMode('stopped')
      const ping = await page.evaluate(() => fetch('/own/ping').then((r) => r.text()), null)
      expect(ping).toBe('pong from the app worker')
    })

    it('injectManifest: the help page when the server is stopped, answers 503 or hangs', async () => {
      const { app, page } = await start('inject')
      await expectHelpOnEveryOutage(app, page, '/about.html')
      await page.goto(`${app.origin}/about.html`)
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('About CRM')
    })

    it('generateSW: the SPA shell comes from the precache, and a failed login call opens the dialog', async () => {
      const { app, page } = await start('generate')
      await app.setMode('stopped')
      await page.goto(`${app.origin}/customers/42`)
      console.log('DEBUG', JSON.stringify(await helpModel(page)), JSON.stringify(app.allHits))
      expect(await helpModel(page)).toBeNull()
      expect(await visibleText(page)).toContain('Sign in')
      await page.evaluate(() => {
        document.querySelector<HTMLFormElement>('#login')?.requestSubmit()
      }, null)
      await waitForText(page, 'Sorry, CRM is unavailable')
    })

    it('generateSW: a server-rendered page gets the help page on every outage, and is untouched when healthy', async () => {
      const { app, page } = await start('generate')
      await page.goto(`${app.origin}/server/report`)
      expect(await visibleText(page)).toContain('Monthly report (server)')
      await expectHelpOnEveryOutage(app, page, '/server/report')
    })

    for (const example of ['inject', 'generate'] as const) {
      it(`${example}: the kill switch unregisters the worker and deletes only startup-help's caches`, async () => {
        const { app, page } = await start(example)
        const before = await cacheNames(page)
        expect(before.some((n) => n.startsWith('startup-help-'))).toBe(true)
        status.writeStatus({ ...STATUS, disableServiceWorker: true })
        await page.goto(`${app.origin}/`)
        await waitForKillSwitch(page)
        // The app's own precache is the app's: left where it is.
        expect((await cacheNames(page)).some((n) => n.includes('precache'))).toBe(true)
      })
    }
  })
}
