import type { SignOutList } from '../sign-outs.js'

/**
 * Sign-outs in this process, forgotten once the sessions would have expired.
 *
 * @example
 * const signOuts = memorySignOuts()
 * await signOuts.add(session.id, session.expiresAtMs)
 */
export function memorySignOuts(now: () => number = Date.now): SignOutList {
  const signedOut = new Map<string, number>()
  return {
    async has(id) {
      const at = now()
      for (const [key, expires] of signedOut) if (expires <= at) signedOut.delete(key)
      return signedOut.has(id)
    },
    async add(id, expiresAtMs) {
      signedOut.set(id, expiresAtMs)
    },
  }
}
