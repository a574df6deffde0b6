/**
 * GET /v1/status (200 and 304) from our service beside nginx serving the same JSON bytes from a
 * file, one worker process each, same load generator (wrk, 1 thread, 50 connections), alternated
 * rounds so machine noise hits both alike.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDebianTool, runWrk, type WrkResult } from '../support/tools.js'
import type { BenchRow } from '../table.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)

async function waitForUrl(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${url} did not come up`)
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

function best(results: WrkResult[]): WrkResult {
  return results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a))
}

export async function run(): Promise<BenchRow[]> {
  ensureDebianTool('/usr/sbin/nginx', 'nginx')
  ensureDebianTool('/usr/bin/wrk', 'wrk')
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-bench-'))
  chmodSync(dir, 0o755) // nginx workers drop to an unprivileged user
  const statusFile = join(dir, 'status.json')
  copyFileSync(join(ROOT, 'config-samples/status.everyday.json'), statusFile)

  const ours = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/startup-help.js'),
      'serve',
      '--status',
      statusFile,
      '--data',
      join(dir, 'data'),
      '--port',
      '18787',
    ],
    { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } },
  )
  const oursUrl = 'http://127.0.0.1:18787/v1/status?lang=en'
  let nginx: ChildProcess | null = null
  try {
    await waitForUrl(oursUrl)
    const sample = await fetch(oursUrl)
    const oursEtag = sample.headers.get('etag') ?? ''
    const www = join(dir, 'www/v1')
    mkdirSync(www, { recursive: true })
    writeFileSync(join(www, 'status'), await sample.text())
    chmodSync(join(dir, 'www'), 0o755)
    chmodSync(www, 0o755)
    const conf = join(dir, 'nginx.conf')
    writeFileSync(
      conf,
      `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp;
  default_type application/json;
  server {
    listen 127.0.0.1:18788;
    location = /v1/status {
      root ${dir}/www;
      add_header Access-Control-Allow-Origin *;
      add_header Cache-Control "public, max-age=60";
    }
  }
}
`,
    )
    nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: 'ignore' })
    const nginxUrl = 'http://127.0.0.1:18788/v1/status'
    await waitForUrl(nginxUrl)
    const nginxEtag = (await fetch(nginxUrl)).headers.get('etag') ?? ''

    const runs = {
      ours200: [] as WrkResult[],
      nginx200: [] as WrkResult[],
      ours304: [] as WrkResult[],
      nginx304: [] as WrkResult[],
    }
    runWrk(oursUrl, { seconds: 1 }) // warm up the JIT before measuring
    for (let round = 0; round < ROUNDS; round++) {
      runs.ours200.push(runWrk(oursUrl, { seconds: SECONDS }))
      runs.nginx200.push(runWrk(nginxUrl, { seconds: SECONDS }))
      runs.ours304.push(
        runWrk(oursUrl, { seconds: SECONDS, headers: { 'If-None-Match': oursEtag } }),
      )
      runs.nginx304.push(
        runWrk(nginxUrl, { seconds: SECONDS, headers: { 'If-None-Match': nginxEtag } }),
      )
    }
    const [o200, n200, o304, n304] = [
      best(runs.ours200),
      best(runs.nginx200),
      best(runs.ours304),
      best(runs.nginx304),
    ]
    return [
      {
        group: 'status',
        metric: 'GET /v1/status 200, 1 process',
        unit: 'req/s',
        ours: o200.requestsPerSecond,
        baseline: { name: 'nginx static', value: n200.requestsPerSecond },
        target: {
          text: '≥ 0.6× nginx',
          met: o200.requestsPerSecond >= 0.6 * n200.requestsPerSecond,
        },
      },
      {
        group: 'status',
        metric: 'GET /v1/status 200 p99 latency',
        unit: 'ms',
        ours: o200.p99Ms,
        baseline: { name: 'nginx static', value: n200.p99Ms },
      },
      {
        group: 'status',
        metric: 'GET /v1/status 304 (If-None-Match)',
        unit: 'req/s',
        ours: o304.requestsPerSecond,
        baseline: { name: 'nginx static', value: n304.requestsPerSecond },
        target: {
          text: '≥ 0.8× nginx',
          met: o304.requestsPerSecond >= 0.8 * n304.requestsPerSecond,
        },
      },
      {
        group: 'status',
        metric: 'GET /v1/status 304 p99 latency',
        unit: 'ms',
        ours: o304.p99Ms,
        baseline: { name: 'nginx static', value: n304.p99Ms },
      },
    ]
  } finally {
    await stop(ours)
    if (nginx) await stop(nginx)
    rmSync(dir, { recursive: true, force: true })
  }
}
