import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { sampleReport } from './report-fixture.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const sourceEntry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url))
const builtEntry = fileURLToPath(new URL('../../bin/startup-help.js', import.meta.url))

export interface ReportsServerProcess {
  child: ChildProcess
  url: string
  /** What the server logged on stderr so far (repairs of torn records show here). */
  stderr: () => string
}

export interface StartReportsServerOptions {
  /** Extra environment (STARTUP_HELP_* settings). */
  env?: Record<string, string>
  /** `build` runs bin/startup-help.js (dist/, what users run); `source` runs through tsx. */
  entry?: 'source' | 'build'
}

/**
 * Starts the real service, `startup-help serve --data DIR --port 0`, as a child process, with an
 * empty status file beside the data dir. The rate limit is off unless `env` sets it, since the
 * tests stream from one address.
 *
 * @example
 * const server = await startReportsServer(dir)
 * await fetch(`${server.url}/v1/reports`, { method: 'POST', … })
 */
export async function startReportsServer(
  dataDir: string,
  options: StartReportsServerOptions = {},
): Promise<ReportsServerProcess> {
  const statusFile = `${dataDir}.status.json`
  await writeFile(statusFile, '{}\n')
  const cli = options.entry === 'build' ? [builtEntry] : ['--import', 'tsx', sourceEntry]
  const args = [
    'serve',
    '--status',
    statusFile,
    '--data',
    dataDir,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ]
  const child = spawn(process.execPath, [...cli, ...args], {
    cwd: root,
    env: { ...process.env, STARTUP_HELP_REPORTS_PER_MINUTE: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let stdout = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /serving (http:\/\/[\d.]+:\d+)/.exec(stdout)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) =>
      reject(new Error(`startup-help serve exited (${code}): ${stderr}`)),
    )
  })
  return { child, url, stderr: () => stderr }
}

/** Kills the process with SIGKILL (no chance to flush anything) and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}

export interface CrashRoundResult {
  /** Reports that got a 201 before the kill. */
  acknowledged: Map<string, string>
  /** Requests that failed because the process died (never acknowledged; may or may not be stored). */
  failed: number
}

/**
 * Streams new reports at the server from `concurrency` parallel senders and SIGKILLs it after
 * `killAfterMs`, remembering every reference acknowledged with a 201 (id → clientReportId).
 *
 * @example
 * const { acknowledged } = await streamAndKill(server, { concurrency: 16, killAfterMs: 800 })
 */
export async function streamAndKill(
  server: ReportsServerProcess,
  options: { concurrency: number; killAfterMs: number },
): Promise<CrashRoundResult> {
  const acknowledged = new Map<string, string>()
  let failed = 0
  let stop = false
  async function sender(): Promise<void> {
    while (!stop) {
      const report = sampleReport()
      try {
        const response = await fetch(`${server.url}/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(report),
        })
        const body = (await response.json()) as { id?: string }
        if (response.status === 201 && body.id) acknowledged.set(body.id, report.clientReportId)
        else throw new Error(`unexpected answer ${response.status}`)
      } catch {
        failed += 1
        if (server.child.exitCode !== null || server.child.signalCode !== null) return
      }
    }
  }
  const senders = Array.from({ length: options.concurrency }, () => sender())
  await new Promise((resolve) => setTimeout(resolve, options.killAfterMs))
  await killHard(server.child)
  stop = true
  await Promise.all(senders)
  return { acknowledged, failed }
}

export interface CrashLoopResult {
  rounds: number
  acknowledged: number
  /** Acknowledged reports missing (or stored under another client id) after the restarts. */
  lost: number
}

/**
 * The crash loop: start, stream, SIGKILL, restart, for `rounds` rounds on one data dir; then
 * open the store and check that every report that got a 201 is there.
 *
 * @example
 * const { lost } = await runCrashLoop(dir, { rounds: 3, concurrency: 16, killAfterMs: 800 })
 */
export async function runCrashLoop(
  dataDir: string,
  options: {
    rounds: number
    concurrency: number
    killAfterMs: number
    entry?: StartReportsServerOptions['entry']
  },
): Promise<CrashLoopResult> {
  const acknowledged = new Map<string, string>()
  for (let round = 0; round < options.rounds; round += 1) {
    const server = await startReportsServer(dataDir, options.entry ? { entry: options.entry } : {})
    try {
      const result = await streamAndKill(server, options)
      for (const [id, clientId] of result.acknowledged) acknowledged.set(id, clientId)
    } finally {
      await killHard(server.child)
    }
  }
  const store = await FolderReportStorage.open({ dir: dataDir, log: () => {} })
  let lost = 0
  for (const [id, clientId] of acknowledged) {
    const stored = await store.get(id)
    if (stored?.clientReportId !== clientId) lost += 1
  }
  await store.close()
  return { rounds: options.rounds, acknowledged: acknowledged.size, lost }
}
