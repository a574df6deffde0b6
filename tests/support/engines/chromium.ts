import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../browser.js'
import type { Engine, EngineName, EnginePage, PageFunction } from './engine.js'
import { NAVIGATION_TIMEOUT_MS, withScriptTimeout } from './timeouts.js'

class ChromiumPage implements EnginePage {
  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS, waitUntil: 'load' })
  }

  async reload(): Promise<void> {
    await this.page.reload({ timeout: NAVIGATION_TIMEOUT_MS, waitUntil: 'load' })
  }

  async url(): Promise<string> {
    return this.page.url()
  }

  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
    // Playwright's own generics (Unboxed<A>) do not fit a plain JSON argument: widen them here.
    const run = fn as (arg: unknown) => Promise<R>
    return withScriptTimeout(this.page.evaluate(run, arg as unknown), 'evaluate')
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {})
  }
}

/**
 * Debian's Chromium through playwright-core; each page gets its own context (fresh profile).
 *
 * @example
 * const engine = await launchChromiumEngine('chromium')
 */
export async function launchChromiumEngine(name: EngineName): Promise<Engine> {
  const browser: Browser = await launchChromium()
  return {
    name,
    version: `Chromium ${browser.version()}`,
    async newPage() {
      const context = await browser.newContext()
      return new ChromiumPage(context, await context.newPage())
    },
    close: () => browser.close(),
  }
}
