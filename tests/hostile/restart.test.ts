import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { sampleReport } from '../support/report-fixture.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

let dir: string
let dataDir: string
let statusFile: string
const started: ServiceProcess[] = []
const pidsToKill: number[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-restart-'))
  dataDir = join(dir, 'data')
  statusFile = join(dir, 'status.json')
  writeFileSync(statusFile, '{}')
})

afterEach(async () => {
  for (const pid of pidsToKill.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {}
  }
  for (const service of started.splice(0)) await service.kill()
  rmSync(dir, { recursive: true, force: true })
})

async function serve(shell?: string): Promise<ServiceProcess> {
  const service = await startService(['--status', statusFile, '--data', dataDir], {
    env: { STARTUP_HELP_ADMIN_TOKEN: 'restart-token' },
    ...(shell ? { shell } : {}),
  })
  started.push(service)
  return service
}

/** The pid of a process that has exited and been reaped. */
function deadPid(): number {
  const pid = spawnSync('/bin/sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim()
  return Number(pid)
}

const procState = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
}

describe('restarting after a kill', () => {
  it.skipIf(process.platform !== 'linux')(
    'takes over the data folder of a killed service that is still a zombie',
    async () => {
      // The service's parent is `sleep`, which never reaps: after kill -9 the service stays a
      // zombie, as under a slow init in a container, and kill(pid, 0) still says it is alive.
      const first = await serve('$CLI & exec sleep 60')
      if (first.child.pid !== undefined) pidsToKill.push(first.child.pid)
      const pid = Number(readFileSync(join(dataDir, 'reports.lock'), 'utf8'))
      process.kill(pid, 'SIGKILL')
      await eventually(() => procState(pid) === 'Z')
      const second = await serve()
      const res = await fetchWithin(`${second.url}/v1/reports`, 5000, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleReport()),
      })
      expect(res.status).toBe(201)
      expect(readFileSync(join(dataDir, 'reports.lock'), 'utf8').trim()).toBe(
        String(second.child.pid),
      )
    },
  )

  it('removes temp files that killed writers left, and keeps those of live ones', async () => {
    const dead = deadPid()
    mkdirSync(join(dataDir, 'status-history'), { recursive: true })
    const stale = [
      join(dataDir, `.reports.jsonl.${dead}.0badc0de.tmp`),
      join(
        dataDir,
        'status-history',
        `.2026-11-22T10-00-00.000Z-1a2b3c4d.json.${dead}.0badc0de.tmp`,
      ),
      join(dir, `.status.json.${dead}.0badc0de.tmp`),
    ]
    // A save in progress by a live process (this one), and a file that is not ours.
    const live = join(dir, `.status.json.${process.pid}.0badc0de.tmp`)
    const foreign = join(dir, `.other.json.${dead}.0badc0de.tmp`)
    for (const file of [...stale, live, foreign]) writeFileSync(file, '{"half": ')
    const service = await serve()
    for (const file of stale) expect(existsSync(file), file).toBe(false)
    expect(existsSync(live)).toBe(true)
    expect(existsSync(foreign)).toBe(true)
    expect(service.output()).toContain('removed 3 temp file(s) of interrupted saves')
  })

  it('opens a reports file over 2 GiB and finds the reports on both sides of a 2 GiB hole', async () => {
    mkdirSync(dataDir)
    const file = join(dataDir, 'reports.jsonl')
    const record = (id: string) => ({ id, receivedAt: new Date().toISOString(), ...sampleReport() })
    writeFileSync(file, `${JSON.stringify(record('SH-AAAAAA'))}\n`)
    // A sparse hole of zeros (as a crashed file system leaves), then one more record.
    truncateSync(file, 2 ** 31 + 4096)
    appendFileSync(file, `\n${JSON.stringify(record('SH-BBBBBB'))}\n`)
    // The store as serve opens it (in this process: the 2 GiB scan is the cost, not a start).
    const logs: string[] = []
    const store = await FolderReportStorage.open({ dir: dataDir, log: (line) => logs.push(line) })
    try {
      expect(logs.join('\n')).toContain('skipped a damaged line: longer than 1048576 bytes')
      const listed = await store.list({ app: null, sinceMs: null, limit: 10 })
      expect(listed.map((report) => report.id)).toEqual(['SH-BBBBBB', 'SH-AAAAAA'])
    } finally {
      await store.close()
    }
    // Reading 2 GiB is seconds on a busy machine: a bound, not a timing target.
  }, 60_000)
})
