import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import workboxBuild from 'workbox-build'
import { HELP_ASSETS } from '../../formats/help-assets.js'
import { BROWSER_DIST, launchChromium } from '../support/browser.js'
import { isHelpPage, type Scenario, startScenario } from './sw-fixture.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** An app's own Workbox worker that adds startup-help, as the README shows. */
const OWN_WORKER = `
import { registerRoute } from 'workbox-routing'
import { precacheAndRoute } from 'workbox-precaching'
import { installStartupHelp } from './sw/index.ts'
import { readServiceWorkerConfig } from './formats/sw-config.ts'

installStartupHelp(readServiceWorkerConfig(self.location.href))
registerRoute(({ url }) => url.pathname === '/own-route', async () => new Response('from the app worker'))
// A navigation the app's worker answers itself (an app shell), registered after startup-help.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.pathname === '/shell',
  async () => new Response('<h1>App shell from the app worker</h1>', { headers: { 'content-type': 'text/html' } }),
)
precacheAndRoute(self.__WB_MANIFEST)
`

/**
 * A worker that leaves navigations to its own routes, each wrapped a different way: NetworkFirst
 * with its own cache, a strategy with the plugin, a plain function, a precached shell.
 */
const ROUTES_WORKER = `
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NetworkFirst, NetworkOnly } from 'workbox-strategies'
import { installStartupHelp, startupHelpPlugin, withStartupHelp } from './sw/index.ts'
import { readServiceWorkerConfig } from './formats/sw-config.ts'

const config = readServiceWorkerConfig(self.location.href)
installStartupHelp(config, { navigations: false })
precacheAndRoute(self.__WB_MANIFEST)
const under = (prefix, handler) =>
  registerRoute(new NavigationRoute(handler, { allowlist: [new RegExp('^' + prefix)] }))
under('/cached/', withStartupHelp(new NetworkFirst({ cacheName: 'app-pages' }), config))
under('/plugin/', new NetworkOnly({ plugins: [startupHelpPlugin(config)] }))
under('/fn/', withStartupHelp(({ request }) => fetch(request), config))
under('/shell/', withStartupHelp(createHandlerBoundToURL('shell.html'), config))
`

/** Bundles `source` as the scenario's sw.js, next to the built help page assets and `shell.html`. */
async function buildOwnWorker(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-compose-'))
  cpSync(BROWSER_DIST, dir, { recursive: true })
  writeFileSync(
    join(dir, 'shell.html'),
    '<!doctype html><title>Shell</title><h1>Precached shell</h1>',
  )
  const template = join(dir, 'own-sw.template.js')
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'iife',
    outfile: template,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  await workboxBuild.injectManifest({
    swSrc: template,
    swDest: join(dir, 'sw.js'),
    globDirectory: dir,
    globPatterns: [...HELP_ASSETS, 'shell.html'],
  })
  return dir
}

const page = (title: string) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><title>${title}</title><h1>${title}</h1>`)
}

describe('startup-help inside an app worker of its own', () => {
  let browser: Browser
  let dir: string
  beforeAll(async () => {
    browser = await launchChromium()
    dir = await buildOwnWorker(OWN_WORKER)
  })
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("keeps the app's own routes and shows the help page when the app is down", async () => {
    const scenario = await startScenario(browser, {
      status: { helpText: 'Call 0100' },
      assetsDir: dir,
    })
    try {
      const { app, page } = scenario
      await scenario.visitOnce()
      expect(await page.evaluate(() => fetch('/own-route').then((r) => r.text()))).toBe(
        'from the app worker',
      )
      await app.setMode('stopped')
      const response = await page.goto(`${app.origin}/`)
      expect(await isHelpPage(response)).toBe(true)
      await page.getByText('Call 0100').first().waitFor()
      // The app's own navigation answer stands, even with its server down.
      const shell = await page.goto(`${app.origin}/shell`)
      expect(await isHelpPage(shell)).toBe(false)
      await page.getByText('App shell from the app worker').waitFor()
    } finally {
      await scenario.close()
    }
  })
})

describe("startup-help guarding the app's own navigation routes", () => {
  let browser: Browser
  let dir: string
  let scenario: Scenario | null = null
  beforeAll(async () => {
    browser = await launchChromium()
    dir = await buildOwnWorker(ROUTES_WORKER)
  })
  afterEach(async () => {
    await scenario?.close()
    scenario = null
  })
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const start = async () => {
    scenario = await startScenario(browser, {
      status: { helpText: 'Call 0100' },
      assetsDir: dir,
      routes: {
        'GET /cached/page': page('Cached page'),
        'GET /cached/other': page('Other page'),
        'GET /plugin/page': page('Plugin page'),
        'GET /fn/page': page('Function page'),
      },
    })
    await scenario.visitOnce()
    return scenario
  }
  const failureOf = async (s: Scenario, path: string) => {
    const response = await s.page.goto(`${s.app.origin}${path}`)
    if (!(await isHelpPage(response))) return null
    return s.page.evaluate(() => {
      const model = document.getElementById('startup-help-model')?.textContent ?? 'null'
      return (JSON.parse(model) as { failure: { kind: string; status: number | null } }).failure
    })
  }

  it("withStartupHelp(NetworkFirst): the app's cached copy wins on a network error, the help page where there is none and on an outage status", async () => {
    const s = await start()
    expect(await failureOf(s, '/cached/page')).toBeNull()
    await s.app.setMode('stopped')
    expect(await failureOf(s, '/cached/page')).toBeNull()
    await s.page.getByText('Cached page').first().waitFor()
    expect(await failureOf(s, '/cached/other')).toMatchObject({ kind: 'unreachable' })
    await s.app.setMode({ status: 503 })
    expect(await failureOf(s, '/cached/page')).toMatchObject({ kind: 'http-error', status: 503 })
  })

  it('startupHelpPlugin: the help page on a network error and an outage status, the page when healthy', async () => {
    const s = await start()
    expect(await failureOf(s, '/plugin/page')).toBeNull()
    await s.page.getByText('Plugin page').first().waitFor()
    await s.app.setMode('stopped')
    expect(await failureOf(s, '/plugin/page')).toMatchObject({ kind: 'unreachable' })
    await s.app.setMode({ status: 503 })
    expect(await failureOf(s, '/plugin/page')).toMatchObject({ kind: 'http-error', status: 503 })
  })

  it('withStartupHelp(a function): the help page once the timeout has passed on a hanging server', async () => {
    const s = await start()
    expect(await failureOf(s, '/fn/page')).toBeNull()
    await s.app.setMode('hang')
    expect(await failureOf(s, '/fn/page')).toMatchObject({ kind: 'timeout' })
  })

  it('withStartupHelp(createHandlerBoundToURL): the precached shell, whatever the server does', async () => {
    const s = await start()
    await s.app.setMode('stopped')
    expect(await failureOf(s, '/shell/customers/42')).toBeNull()
    await s.page.getByText('Precached shell').first().waitFor()
  })
})
