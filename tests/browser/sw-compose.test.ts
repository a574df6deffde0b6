import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { injectServiceWorker } from '../../server/cli/build-sw.js'
import { BROWSER_DIST, launchChromium } from '../support/browser.js'
import { isHelpPage, startScenario } from './sw-fixture.js'

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

describe('startup-help inside an app worker of its own', () => {
  let browser: Browser
  let dir: string
  beforeAll(async () => {
    browser = await launchChromium()
    dir = mkdtempSync(join(tmpdir(), 'startup-help-compose-'))
    cpSync(BROWSER_DIST, dir, { recursive: true })
    const template = join(dir, 'own-sw.template.js')
    await build({
      stdin: { contents: OWN_WORKER, resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'iife',
      outfile: template,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    })
    await injectServiceWorker({ template, outDir: dir })
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
