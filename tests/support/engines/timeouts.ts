/** How long one navigation may take in any engine of the matrix. */
export const NAVIGATION_TIMEOUT_MS = 20_000
/** How long one `evaluate` may take: a page stuck in a navigation must not hang a test. */
export const SCRIPT_TIMEOUT_MS = 15_000

/**
 * `promise`, or a rejection naming `what` after {@link SCRIPT_TIMEOUT_MS}, for drivers whose
 * evaluate has no timeout of its own (Playwright, puppeteer; WebDriver has one).
 *
 * @example
 * return withScriptTimeout(page.evaluate(fn, arg), 'evaluate')
 */
export function withScriptTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took over ${SCRIPT_TIMEOUT_MS} ms`)),
      SCRIPT_TIMEOUT_MS,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
