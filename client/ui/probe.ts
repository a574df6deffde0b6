import { timeoutSignal } from '../timeout-signal.js'

/** A probe that takes longer than this counts as "still down"; the next one follows the backoff. */
const PROBE_TIMEOUT_MS = 10_000

/**
 * True when `url` answers with anything but a server failure: a 2xx, a redirect or a 4xx means
 * the server is back (the app can load and show its own page); 5xx, a network error or no answer
 * within 10 s means it is not. Never cached, cookies only for the same origin.
 *
 * @example
 * if (await serverAnswers(location.href)) location.reload()
 */
export async function serverAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      cache: 'no-store',
      redirect: 'manual',
      credentials: 'same-origin',
      signal: timeoutSignal(PROBE_TIMEOUT_MS),
    })
    return response.type === 'opaqueredirect' || (response.status > 0 && response.status < 500)
  } catch {
    return false
  }
}
