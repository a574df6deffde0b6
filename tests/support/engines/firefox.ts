import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import type { Engine, EnginePage, PageFunction } from './engine.js'
import { NAVIGATION_TIMEOUT_MS, SCRIPT_TIMEOUT_MS, withScriptTimeout } from './timeouts.js'

/** Debian's Firefox ESR; override with STARTUP_HELP_FIREFOX. */
export const FIREFOX_BINARY = process.env.STARTUP_HELP_FIREFOX ?? '/usr/bin/firefox-esr'

class FirefoxPage implements EnginePage {
  constructor(private readonly page: Page) {
    page.setDefaultTimeout(SCRIPT_TIMEOUT_MS)
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' })
  }

  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load' })
  }

  async url(): Promise<string> {
    return this.page.url()
  }

  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
    // puppeteer's generics (FlattenHandle<A>) do not fit a plain JSON argument: widen them here.
    const pageFunction = fn as (arg: unknown) => Promise<R>
    const run = this.page.evaluate(pageFunction, arg as unknown) as Promise<R>
    return withScriptTimeout(run, 'evaluate')
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => {})
  }
}

/**
 * Debian's Firefox ESR over WebDriver BiDi (puppeteer-core), headless, with service workers
 * allowed for the test profile (a fresh temporary profile per launch).
 *
 * @example
 * const engine = await launchFirefoxEngine()
 */
export async function launchFirefoxEngine(): Promise<Engine> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BINARY,
    headless: true,
    extraPrefsFirefox: {
      'dom.serviceWorkers.enabled': true,
      'dom.serviceWorkers.testing.enabled': true,
      // No calls to outside hosts from a test profile (this machine's network is closed).
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
    },
  })
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage() {
      return new FirefoxPage(await browser.newPage())
    },
    close: () => browser.close(),
  }
}
