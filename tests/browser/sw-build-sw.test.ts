import { execFile } from 'node:child_process'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { injectServiceWorker } from '../../server/cli/build-sw.js'
import { BROWSER_DIST, launchChromium } from '../support/browser.js'
import { isHelpPage, startScenario } from './sw-fixture.js'

const bin = fileURLToPath(new URL('../../bin/startup-help.js', import.meta.url))

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

describe('startup-help build-sw', () => {
  let dir: string
  let browser: Browser
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'startup-help-build-sw-'))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints its usage with --help and refuses to run without --out', async () => {
    const help = await cli(['build-sw', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: startup-help build-sw --out DIR')
    const missing = await cli(['build-sw'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--out DIR is required')
  })

  it('writes sw.js with a precache manifest for the folder, the help page and the client', async () => {
    const out = join(dir, 'public')
    const result = await cli(['build-sw', '--out', out])
    expect(result.code).toBe(0)
    for (const name of ['sw.js', 'help-page.js', 'help-page.css', 'startup-help.js']) {
      expect(existsSync(join(out, name)), name).toBe(true)
    }
    const sw = readFileSync(join(out, 'sw.js'), 'utf8')
    expect(sw).not.toContain('__WB_MANIFEST')
    expect(sw).toMatch(/"?url"?:"help-page\.js"/)
    expect(sw).toMatch(/"?url"?:"help-page\.css"/)
  })

  it('with --assets-only writes the help page files and startup-help-sw.js, and nothing that clashes with an app', async () => {
    const out = join(dir, 'own-worker-public')
    mkdirSync(out)
    writeFileSync(join(out, 'sw.js'), '// the app worker')
    const result = await cli(['build-sw', '--assets-only', '--out', out])
    expect(result.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'help-page.css',
      'help-page.js',
      'startup-help-sw.js',
      'sw.js',
    ])
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toBe('// the app worker')
  })

  it('works in a plain HTML app with startup-help.js, and a new version takes over on the next navigation', async () => {
    const out = join(dir, 'app')
    expect((await cli(['build-sw', '--out', out])).code).toBe(0)
    const scenario = await startScenario(browser, {
      status: { helpText: 'Call 0100' },
      assetsDir: out,
      register: 'client',
    })
    try {
      const { app, page } = scenario
      await scenario.visitOnce()
      const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
      expect(first).toContain('/sw.js?c=')

      // A new release of the help page: new bytes, new precache revision, new sw.js.
      appendFileSync(join(out, 'help-page.css'), '\n.sh-release-two{color:inherit}\n')
      await injectServiceWorker({ template: join(BROWSER_DIST, 'sw.template.js'), outDir: out })
      await page.goto(`${app.origin}/about`)
      // The browser checks for a new worker after navigations, on its own schedule; the check is
      // forced here so the test does not wait on it. The new worker then takes over at once.
      // Asked again on every poll: a check that raced the swap of the files finds nothing new.
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              await navigator.serviceWorker.getRegistration().then((r) => r?.update())
              return fetch('/help-page.css').then((response) => response.text())
            }),
          // Installing the new version precaches its files: slow while other browsers run.
          { timeout: 30_000, interval: 500 },
        )
        .toContain('sh-release-two')

      await app.setMode('stopped')
      const response = await page.goto(`${app.origin}/`)
      expect(await isHelpPage(response)).toBe(true)
      await page.getByText('Call 0100').first().waitFor()
      const css = await page.evaluate(() => fetch('/help-page.css').then((r) => r.text()))
      expect(css).toContain('sh-release-two')
      const { caches } = await scenario.cachedUrls()
      expect(caches.filter((name) => name.includes('precache'))).toHaveLength(1)
    } finally {
      await scenario.close()
    }
  })
})
