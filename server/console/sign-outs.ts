/**
 * Sessions signed out before their expiry. Sessions are stateless, so a sign-out is the one
 * thing every instance must learn: the folder setup (one instance) keeps them in memory, the
 * database setup in a table every instance reads (`PgSignOuts`).
 */
export interface SignOutList {
  /** True when the session `id` was signed out (and would not have expired yet). */
  has(id: string): Promise<boolean>
  /** Records a sign-out until the session would have expired anyway. */
  add(id: string, expiresAtMs: number): Promise<void>
}

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
