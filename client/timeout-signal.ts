/**
 * An AbortSignal that aborts after `ms`: `AbortSignal.timeout` where the browser has it, else a
 * timer (Safari before 16 lacks it, and a missing function there must not mean "network down").
 *
 * @example
 * await fetch(url, { signal: timeoutSignal(3000) })
 */
export function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms)
  const controller = new AbortController()
  setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms)
  return controller.signal
}
