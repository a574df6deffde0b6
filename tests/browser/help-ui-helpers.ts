/**
 * Small page helpers shared by the help UI browser tests: where focus is (looking into shadow
 * roots), keyboard-only movement to a control, and a record of CSP violations and page errors.
 */
import type { Page } from 'playwright-core'

/** The focused element's accessible-ish name and tag, looking through shadow roots. */
export function focused(page: Page): Promise<{ name: string; tag: string }> {
  return page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    if (!active) return { name: '', tag: '' }
    const label = active.id
      ? active.getRootNode() instanceof ShadowRoot
        ? (active.getRootNode() as ShadowRoot).querySelector(`label[for="${active.id}"]`)
        : document.querySelector(`label[for="${active.id}"]`)
      : null
    const name = active.getAttribute('aria-label') ?? label?.textContent ?? active.textContent ?? ''
    return { name: name.trim(), tag: active.tagName.toLowerCase() }
  })
}

/**
 * Presses Tab (keyboard only, no clicks) until the control named `name` has focus; fails after
 * `max` presses so a broken tab order reads as a clear error.
 *
 * @example
 * await tabTo(page, 'Show details')
 */
export async function tabTo(page: Page, name: string, max = 15): Promise<void> {
  const seen: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    seen.push(now.name || now.tag)
    if (now.name === name) return
  }
  throw new Error(`"${name}" not reached by Tab; focus went: ${seen.join(' → ')}`)
}

/**
 * Collects CSP violations and uncaught page errors from now on.
 *
 * @example
 * const problems = watchProblems(page)
 * expect(problems).toEqual([])
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}
