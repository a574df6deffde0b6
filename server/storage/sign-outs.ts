/**
 * Sessions signed out before their expiry. Sessions are stateless, so a sign-out is the one
 * thing every instance must learn: the folder setup (one instance) keeps them in memory, the
 * database setup in a table every instance reads (`PostgresSignOuts`).
 */
export interface SignOutList {
  /** True when the session `id` was signed out (and would not have expired yet). */
  has(id: string): Promise<boolean>
  /** Records a sign-out until the session would have expired anyway. */
  add(id: string, expiresAtMs: number): Promise<void>
}
