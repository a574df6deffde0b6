/**
 * The PostgreSQL backend: reports per second with every 201 after the row's commit (the
 * server's default fsync and synchronous_commit, a throwaway cluster on this disk from
 * tests/support/postgres.ts), and GET /v1/status with the database beside the folder backend
 * (both served from memory, so they should be equal). `startup-help serve` from dist/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { killHard, startReportsServer } from '../../../tests/support/crash-loop.js'
import { startPostgres } from '../../../tests/support/postgres.js'
import { reportLoadScript, runReportLoad } from '../support/report-load.js'
import { ensureDebianTool, runWrk } from '../support/tools.js'
import type { BenchRow } from '../table.js'

const scratch = fileURLToPath(new URL('../../../tests/.tmp/', import.meta.url))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)

export async function run(): Promise<BenchRow[]> {
  ensureDebianTool('/usr/bin/wrk', 'wrk')
  ensureDebianTool('/usr/lib/postgresql/15/bin/initdb', 'postgresql')
  await mkdir(scratch, { recursive: true })
  const dir = await mkdtemp(join(scratch, 'bench-postgres-'))
  const postgres = await startPostgres()
  try {
    const url = await postgres.createDatabase()
    const script = join(dir, 'post-report.lua')
    await writeFile(script, reportLoadScript())
    const withDb = await startReportsServer(join(dir, 'db'), {
      entry: 'build',
      env: { STARTUP_HELP_DATABASE_URL: url },
    })
    const folder = await startReportsServer(join(dir, 'folder'), { entry: 'build' })
    try {
      const reportsUrl = `${withDb.url}/v1/reports`
      await runReportLoad(reportsUrl, script, 2)
      const load = await runReportLoad(reportsUrl, script, SECONDS)
      const perSecond = load.accepted / load.seconds
      const db = new pg.Client({ connectionString: url })
      await db.connect()
      const stored = Number(
        (await db.query('SELECT count(*) AS n FROM startup_help_reports')).rows[0].n,
      )
      await db.end()
      console.error(
        `bench: postgres reports: ${perSecond.toFixed(0)}/s, p99 ${load.p99} ms, ${load.non2xx} non-2xx, ${stored} rows`,
      )

      const status = (base: string) => `${base}/v1/status?lang=en`
      runWrk(status(withDb.url), { seconds: 1 })
      runWrk(status(folder.url), { seconds: 1 })
      // Alternated rounds, best of each: machine noise hits both alike.
      let reads = { requestsPerSecond: 0 }
      let folderReads = { requestsPerSecond: 0 }
      for (let round = 0; round < 2; round += 1) {
        const db = runWrk(status(withDb.url), { seconds: Math.min(SECONDS, 5) })
        const files = runWrk(status(folder.url), { seconds: Math.min(SECONDS, 5) })
        if (db.requestsPerSecond > reads.requestsPerSecond) reads = db
        if (files.requestsPerSecond > folderReads.requestsPerSecond) folderReads = files
      }
      return [
        {
          group: 'postgres',
          metric: 'POST /v1/reports accepted, durable (committed before 201)',
          unit: 'reports/s',
          ours: perSecond,
          target: { text: '≥ 2000/s', met: perSecond >= 2000 && load.non2xx === 0 },
        },
        {
          group: 'postgres',
          metric: 'POST /v1/reports latency p99 at 50 connections',
          unit: 'ms',
          ours: load.p99,
        },
        {
          group: 'postgres',
          metric: 'GET /v1/status 200 with the database (served from memory)',
          unit: 'req/s',
          ours: reads.requestsPerSecond,
          baseline: { name: 'folder backend', value: folderReads.requestsPerSecond },
          target: {
            text: '≥ 0.9× folder',
            met: reads.requestsPerSecond >= 0.9 * folderReads.requestsPerSecond,
          },
        },
      ]
    } finally {
      await killHard(withDb.child)
      await killHard(folder.child)
    }
  } finally {
    await postgres.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
