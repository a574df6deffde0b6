/**
 * What a scenario does in a page, written once on top of {@link EnginePage.evaluate} so every
 * engine runs the same steps. Functions handed to `evaluate` run in the page: they must not use
 * anything from this module's scope.
 */
import type { EnginePage, PageFunction } from './engine.js'

/**
 * The text a user can see: every rendered text node, through open shadow roots (the help panel
 * lives in one). Text in closed `<details>`, `hidden` or `display: none` parts is left out.
 *
 * @example
 * expect(await visibleText(page)).toContain('Call the duty admin')
 */
export function visibleText(page: EnginePage): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = []
    const visit = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement
        if (parent && parent.getClientRects().length > 0) out.push(node.textContent ?? '')
        return
      }
      if (node instanceof Element) {
        if (node.tagName === 'SCRIPT' || node.tagName === 'STYLE') return
        if (node.shadowRoot) visit(node.shadowRoot)
      }
      for (const child of Array.from(node.childNodes)) visit(child)
    }
    visit(document)
    return out.join(' ').replace(/\s+/g, ' ')
  }, null)
}

/**
 * Clicks the visible button, link or summary whose text (or aria-label) is `name`, through open
 * shadow roots. Throws when there is none.
 *
 * @example
 * await clickByName(page, 'Show details')
 */
export async function clickByName(page: EnginePage, name: string): Promise<void> {
  const found = await page.evaluate((wanted: string) => {
    const candidates: HTMLElement[] = []
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        if (element.shadowRoot) visit(element.shadowRoot)
        if (!element.matches('button, a, summary, [role="button"]')) continue
        const label = element.getAttribute('aria-label') ?? element.textContent ?? ''
        if (label.replace(/\s+/g, ' ').trim() === wanted && element.getClientRects().length > 0) {
          candidates.push(element)
        }
      }
    }
    visit(document)
    candidates[0]?.click()
    return candidates.length > 0
  }, name)
  if (!found) throw new Error(`no visible button or link named "${name}"`)
}

/**
 * Polls `fn(arg)` in the page until it returns a truthy value, and returns that value. A poll
 * that throws (the page is navigating) counts as "not yet".
 *
 * @example
 * await waitUntil(page, () => navigator.serviceWorker.controller !== null, null)
 */
export async function waitUntil<A, R>(
  page: EnginePage,
  fn: PageFunction<A, R>,
  arg: A,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<R> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  while (Date.now() < deadline) {
    try {
      const value = await page.evaluate(fn, arg)
      if (value) return value
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const why = lastError ? ` (last error: ${String(lastError)})` : ''
  throw new Error(`waited ${timeoutMs} ms for ${options.what ?? fn.toString()}${why}`)
}

/**
 * Waits until the visible text contains `text`, and answers the whole visible text.
 *
 * @example
 * await waitForText(page, 'Sent — reference SH-')
 */
export async function waitForText(
  page: EnginePage,
  text: string | RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let seen = ''
  while (Date.now() < deadline) {
    seen = await visibleText(page).catch(() => '')
    if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return seen
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`waited ${timeoutMs} ms for the text ${String(text)}; the page shows: ${seen}`)
}

/** The model our help page carries (`#startup-help-model`); null on any other page. */
export interface ShownHelpModel {
  failure: {
    kind: string
    status: number | null
    errorCode: string
    requestId: string | null
    url: string
    durationMs: number
  }
  serviceWorkerState: string
}

/**
 * The help page's model when the page is our help page, else null.
 *
 * @example
 * expect((await helpModel(page))?.failure.kind).toBe('timeout')
 */
export function helpModel(page: EnginePage): Promise<ShownHelpModel | null> {
  return page.evaluate(() => {
    const source = document.getElementById('startup-help-model')
    return source?.textContent ? (JSON.parse(source.textContent) as ShownHelpModel) : null
  }, null)
}

/**
 * Removes every service worker registration and cache of the page's origin, so a later scenario
 * on a reused port cannot meet them.
 *
 * @example
 * await forgetOrigin(page)
 */
export function forgetOrigin(page: EnginePage): Promise<void> {
  return page.evaluate(async () => {
    const registrations = await navigator.serviceWorker.getRegistrations()
    await Promise.all(registrations.map((registration) => registration.unregister()))
    const names = await caches.keys()
    await Promise.all(names.map((name) => caches.delete(name)))
  }, null)
}

/**
 * Waits until the kill switch has done its work in the page's origin: no service worker
 * registration and no cache named `startup-help-…` left.
 *
 * @example
 * await waitForKillSwitch(page)
 */
export function waitForKillSwitch(page: EnginePage, timeoutMs = 20_000): Promise<boolean> {
  return waitUntil(
    page,
    async () => {
      const registrations = await navigator.serviceWorker.getRegistrations()
      const names = await caches.keys()
      return registrations.length === 0 && !names.some((n) => n.startsWith('startup-help-'))
    },
    null,
    { what: 'no registration and no startup-help cache', timeoutMs },
  )
}
