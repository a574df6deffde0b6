import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { killHard, runCrashLoop, startReportsServer } from '../support/crash-loop.js'
import { sampleReport } from '../support/report-fixture.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-crash-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('reports survive a crash', () => {
  it('keeps every report that got a 201 when the service is SIGKILLed mid-stream, three times', async () => {
    const result = await runCrashLoop(dir, { rounds: 3, concurrency: 12, killAfterMs: 700 })
    expect(result.acknowledged).toBeGreaterThan(100)
    expect(result.lost).toBe(0)
    // Three starts of the service from source: on a loaded two-core machine that alone can take
    // 20 s, so the bound is wider than the default.
  }, 60_000)

  it('takes reports again after a restart and still answers replays of acknowledged ones', async () => {
    const first = await startReportsServer(dir)
    const report = sampleReport()
    const post = (url: string) =>
      fetch(`${url}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(report),
      })
    let acknowledged: { id: string; receivedAt: string }
    try {
      const response = await post(first.url)
      expect(response.status).toBe(201)
      acknowledged = (await response.json()) as { id: string; receivedAt: string }
    } finally {
      await killHard(first.child)
    }
    const second = await startReportsServer(dir)
    try {
      const replay = await post(second.url)
      expect(replay.status).toBe(201)
      expect(replay.headers.get('idempotent-replayed')).toBe('true')
      expect(await replay.json()).toEqual(acknowledged)
    } finally {
      await killHard(second.child)
    }
  })
})
