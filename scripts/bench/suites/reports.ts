/**
 * Reports: how many `POST /v1/reports` the service accepts per second with durability on
 * (every 201 after write + fdatasync, group-committed), and the crash loop's count of
 * acknowledged reports lost. The service is `startup-help serve` from dist/ (npm run bench
 * builds first), its own process on a real socket; the data dir is on the repo's disk
 * (tests/.tmp), not a tmpfs, so the fsyncs are real. Load: wrk, one thread, 50 keep-alive
 * connections, BENCH_SECONDS (default 10) after a 2 s warm-up.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { killHard, runCrashLoop, startReportsServer } from '../../../tests/support/crash-loop.js'
import { runReportLoad as runWrk, reportLoadScript as wrkScript } from '../support/report-load.js'
import type { BenchRow } from '../table.js'

const scratch = fileURLToPath(new URL('../../../tests/.tmp/', import.meta.url))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** Sustained load with durability on; the data dir is on the repo's disk, so fsyncs are real. */
async function measureThroughput(dataDir: string, scriptPath: string) {
  const server = await startReportsServer(dataDir, { entry: 'build' })
  try {
    const url = `${server.url}/v1/reports`
    await runWrk(url, scriptPath, 2) // warm-up: JIT, page cache, file growth
    const result = await runWrk(url, scriptPath, SECONDS)
    const stored = (await readFile(join(dataDir, 'reports.jsonl'), 'utf8')).split('\n').length - 1
    return { ...result, perSecond: result.accepted / result.seconds, stored }
  } finally {
    await killHard(server.child)
  }
}

export async function run(): Promise<BenchRow[]> {
  await mkdir(scratch, { recursive: true })
  const dir = await mkdtemp(join(scratch, 'bench-reports-'))
  try {
    const scriptPath = join(dir, 'post-report.lua')
    await writeFile(scriptPath, wrkScript())
    const load = await measureThroughput(join(dir, 'load'), scriptPath)
    console.error(
      `bench: reports: ${load.perSecond.toFixed(0)}/s, p99 ${load.p99} ms, ${load.non2xx} non-2xx, socket errors: ${load.errors || 'none'}, ${load.stored} records on disk`,
    )
    const crash = await runCrashLoop(join(dir, 'crash'), {
      rounds: 10,
      concurrency: 16,
      killAfterMs: 1000,
      entry: 'build',
    })
    return [
      {
        group: 'reports',
        metric: 'POST /v1/reports accepted, durable (write + fdatasync before 201)',
        unit: 'reports/s',
        ours: load.perSecond,
        target: { text: '≥ 2000/s', met: load.perSecond >= 2000 && load.non2xx === 0 },
      },
      {
        group: 'reports',
        metric: 'POST /v1/reports latency p99 at 50 connections',
        unit: 'ms',
        ours: load.p99,
      },
      {
        group: 'reports',
        metric: `acknowledged reports lost over ${crash.rounds} SIGKILLs (${crash.acknowledged} acknowledged)`,
        unit: 'reports',
        ours: crash.lost,
        target: { text: '0 lost', met: crash.lost === 0 && crash.acknowledged > 0 },
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
