import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.js'
import { historyFolder } from '../../server/storage/folder/history.js'
import { runCli } from '../support/cli.js'
import { type StatusFixture, statusFixture } from '../support/status-fixture.js'

const TOKEN = 'history-token'
let fx: StatusFixture
afterEach(() => fx.cleanup())

const versions = () => readdirSync(historyFolder(fx.dataDir)).sort()
const texts = () =>
  versions().map((name) => JSON.parse(readFileSync(join(historyFolder(fx.dataDir), name), 'utf8')))

function put(app: ReturnType<typeof createApp>, helpText: string) {
  return app.request('/v1/status/document', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ helpText }),
  })
}

describe('status history is bounded', () => {
  it('keeps only the newest N versions', async () => {
    fx = statusFixture({ helpText: 'v0' })
    const app = createApp({
      store: fx.store,
      dataDir: fx.dataDir,
      adminToken: TOKEN,
      history: { versions: 3, days: 90 },
    })
    for (let i = 1; i <= 6; i++) {
      fx.clock.now += 1000
      expect((await put(app, `v${i}`)).status).toBe(200)
    }
    expect(texts()).toEqual([{ helpText: 'v3' }, { helpText: 'v4' }, { helpText: 'v5' }])
  })

  it('drops versions older than M days, but always keeps the newest', async () => {
    fx = statusFixture({ helpText: 'v0' })
    const app = createApp({
      store: fx.store,
      dataDir: fx.dataDir,
      adminToken: TOKEN,
      history: { versions: 100, days: 30 },
    })
    for (let i = 1; i <= 3; i++) {
      fx.clock.now += 1000
      await put(app, `v${i}`)
    }
    expect(versions().length).toBe(3)
    fx.clock.now += 31 * 86_400_000
    await put(app, 'v4')
    expect(texts()).toEqual([{ helpText: 'v3' }])
  })

  it('takes its bounds from the environment in the CLI, and names a bad one', async () => {
    fx = statusFixture({ helpText: 'v0' })
    const args = ['message', 'set', 'x', '--until', '2h', '--status', fx.file, '--data', fx.dataDir]
    const bad = await runCli(args, { env: { STARTUP_HELP_HISTORY_VERSIONS: 'many' } })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('STARTUP_HELP_HISTORY_VERSIONS: "many" must be a whole number')
    for (const text of ['first', 'second']) {
      args[2] = text
      expect((await runCli(args, { env: { STARTUP_HELP_HISTORY_VERSIONS: '1' } })).code).toBe(0)
    }
    expect(versions().length).toBe(1)
    expect(texts()[0]).toMatchObject({ userMessage: 'first' })
  })
})
