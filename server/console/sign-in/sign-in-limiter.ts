import { LRUCache } from 'lru-cache'

/** Wrong tokens one address may try before a pause. */
export const SIGN_IN_TRIES = 5
/** How long the tries are counted, and the longest pause. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000

interface Tries {
  wrong: number
  firstAtMs: number
}

export interface SignInLimiter {
  /** Ms until this address may try again; 0 when it may try now. */
  waitMs(address: string): number
  /** Counts a wrong token; answers the tries left before the pause. */
  failed(address: string): number
  /** A right token clears the count. */
  succeeded(address: string): void
}

/**
 * Counts wrong admin tokens per address: after {@link SIGN_IN_TRIES} within the window the
 * address waits until the window ends. Bounded memory: at most 10,000 addresses remembered.
 *
 * @example
 * const limiter = signInLimiter()
 * if (limiter.waitMs(address) > 0) return tooManyTries()
 */
export function signInLimiter(now: () => number = Date.now): SignInLimiter {
  const seen = new LRUCache<string, Tries>({ max: 10_000 })
  const current = (address: string): Tries | undefined => {
    const tries = seen.get(address)
    if (tries && now() - tries.firstAtMs >= SIGN_IN_WINDOW_MS) {
      seen.delete(address)
      return undefined
    }
    return tries
  }
  return {
    waitMs(address) {
      const tries = current(address)
      if (!tries || tries.wrong < SIGN_IN_TRIES) return 0
      return tries.firstAtMs + SIGN_IN_WINDOW_MS - now()
    },
    failed(address) {
      const tries = current(address) ?? { wrong: 0, firstAtMs: now() }
      tries.wrong += 1
      seen.set(address, tries)
      return Math.max(0, SIGN_IN_TRIES - tries.wrong)
    },
    succeeded(address) {
      seen.delete(address)
    },
  }
}
