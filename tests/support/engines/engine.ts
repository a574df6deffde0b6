/**
 * One small driver abstraction for the browser matrix: each scenario is written once against
 * {@link Engine} / {@link EnginePage} and runs in Chromium (Playwright), Firefox (WebDriver BiDi
 * through puppeteer-core) and WebKit (WebKitWebDriver driving MiniBrowser, Safari's engine).
 * Everything beyond opening, reloading and evaluating is written once on top of `evaluate`
 * (see page-actions.ts), so the three engines run exactly the same steps.
 */

/** The engines of the matrix. `chromium-no-sync` is Chromium without the Background Sync API. */
export type EngineName = 'chromium' | 'chromium-no-sync' | 'firefox' | 'webkit'

/** A function run in the page: it gets one JSON-serialisable argument and may be async. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>

export interface EnginePage {
  /** Navigates and waits for the load event. Rejects when the browser shows its own error page. */
  goto(url: string): Promise<void>
  /** Reloads and waits for the load event. */
  reload(): Promise<void>
  /** The page's current URL. */
  url(): Promise<string>
  /**
   * Runs `fn(arg)` in the page and returns its (awaited, JSON-serialisable) result. Bounded by
   * the driver's script timeout, so a page stuck in a navigation cannot hang a test.
   */
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>
  close(): Promise<void>
}

export interface Engine {
  readonly name: EngineName
  /** Browser name and version, as the engine reports it (for the README's support table). */
  readonly version: string
  /**
   * A new page. Pages of one engine may share a profile: every scenario uses origins on fresh
   * ports, and cleans its registrations and caches when it ends.
   */
  newPage(): Promise<EnginePage>
  close(): Promise<void>
}
