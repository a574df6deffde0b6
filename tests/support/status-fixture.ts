import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../server/app.js'
import { StatusStore } from '../../server/status/status-store.js'

/** A temp folder with a status file, a data dir and a store on a settable clock. */
export interface StatusFixture {
  dir: string
  file: string
  dataDir: string
  store: StatusStore
  logs: string[]
  clock: { now: number }
  write(content: unknown): void
  app(adminToken?: string | null): ReturnType<typeof createApp>
  cleanup(): void
}

/**
 * @example
 * const fx = statusFixture({ userMessage: 'Upgrade' }, Date.parse('2026-11-22T10:00:00Z'))
 * const res = await fx.app().request('/v1/status')
 */
export function statusFixture(
  initial: unknown,
  now = Date.parse('2026-11-22T10:00:00Z'),
): StatusFixture {
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-'))
  const file = join(dir, 'status.json')
  const dataDir = join(dir, 'data')
  const clock = { now }
  const logs: string[] = []
  const write = (content: unknown) =>
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  if (initial !== undefined) write(initial)
  const store = new StatusStore({
    file,
    now: () => clock.now,
    log: (line) => logs.push(line),
    pollIntervalMs: 50,
  })
  return {
    dir,
    file,
    dataDir,
    store,
    logs,
    clock,
    write,
    app: (adminToken = null) => createApp({ store, dataDir, adminToken }),
    cleanup: () => {
      store.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Polls `check` until it holds or `timeoutMs` passes (for file-watch tests; not a timing assertion). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
