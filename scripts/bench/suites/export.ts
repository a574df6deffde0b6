/**
 * GET /v1/status three ways in one run, same load (wrk, 1 thread, 50 connections), alternated
 * rounds: nginx serving `startup-help export` through config-samples/nginx-export.conf, a bare
 * node:http server sending the bytes and headers our service sends (Node's own ceiling), and our
 * service. 200 and 304 each. One worker process each.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDebianTool, runWrk, type WrkResult } from '../support/tools.js'
import type { BenchRow } from '../table.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(ROOT, 'bin/startup-help.js')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const PATH = '/v1/status?app=crm&lang=en'

async function waitForUrl(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
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

const best = (results: WrkResult[]) =>
  results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a))

/** Headers Node sets by itself on every answer; the bare server lets Node set them too. */
const NODE_OWN = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
])

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (!NODE_OWN.has(name)) headers[name] = value
  })
  return headers
}

/** A node:http server that answers every request with our service's bytes and headers. */
function bareServerSource(answer: {
  body: string
  headers200: Record<string, string>
  headers304: Record<string, string>
  etag: string
}): string {
  return `import { createServer } from 'node:http'
const a = ${JSON.stringify(answer)}
const length = String(Buffer.byteLength(a.body))
createServer((req, res) => {
  if (req.headers['if-none-match'] === a.etag) {
    res.writeHead(304, a.headers304)
    res.end()
    return
  }
  res.writeHead(200, { ...a.headers200, 'content-length': length })
  res.end(a.body)
}).listen(18797, '127.0.0.1')
`
}

export async function run(): Promise<BenchRow[]> {
  ensureDebianTool('/usr/sbin/nginx', 'nginx')
  ensureDebianTool('/usr/bin/wrk', 'wrk')
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-bench-export-'))
  const statusFile = join(dir, 'status.json')
  writeFileSync(statusFile, readFileSync(join(ROOT, 'config-samples/status.apps.json'), 'utf8'))
  const children: ChildProcess[] = []
  try {
    const ours = spawn(
      process.execPath,
      [CLI, 'serve', '--status', statusFile, '--data', join(dir, 'data'), '--port', '18796'],
      { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } },
    )
    children.push(ours)
    const oursUrl = `http://127.0.0.1:18796${PATH}`
    await waitForUrl(oursUrl)
    const ok = await fetch(oursUrl)
    const etag = ok.headers.get('etag') ?? ''
    const body = await ok.text()
    const notModified = await fetch(oursUrl, { headers: { 'If-None-Match': etag } })
    const bareFile = join(dir, 'bare.mjs')
    writeFileSync(
      bareFile,
      bareServerSource({
        body,
        etag,
        headers200: headersOf(ok),
        headers304: headersOf(notModified),
      }),
    )
    children.push(spawn(process.execPath, [bareFile], { stdio: 'ignore' }))
    const bareUrl = `http://127.0.0.1:18797${PATH}`
    await waitForUrl(bareUrl)

    const out = join(dir, 'export')
    execFileSync(process.execPath, [CLI, 'export', '--out', out, '--status', statusFile])
    const sample = readFileSync(join(ROOT, 'config-samples/nginx-export.conf'), 'utf8')
      .replaceAll('/srv/startup-help', out)
      .replace('listen 443 ssl http2;', 'listen 127.0.0.1:18798;')
      .replace(/^\s*ssl_certificate.*$/gm, '')
    writeFileSync(join(dir, 'sample.conf'), sample)
    writeFileSync(
      join(dir, 'nginx.conf'),
      `user root;\nworker_processes 1;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  include /etc/nginx/mime.types;\n  include ${dir}/sample.conf;\n}\n`,
    )
    children.push(
      spawn('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' }),
    )
    const nginxUrl = `http://127.0.0.1:18798${PATH}`
    await waitForUrl(nginxUrl)
    const exportEtag = (await fetch(nginxUrl)).headers.get('etag')
    if (exportEtag !== etag) throw new Error(`the export's ETag ${exportEtag} is not ours ${etag}`)

    const targets = { ours: oursUrl, bare: bareUrl, nginx: nginxUrl }
    const runs: Record<string, WrkResult[]> = Object.fromEntries(
      Object.keys(targets).flatMap((name) => [
        [`${name}200`, []],
        [`${name}304`, []],
      ]),
    )
    for (const url of Object.values(targets)) runWrk(url, { seconds: 1 }) // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of Object.entries(targets)) {
        runs[`${name}200`]?.push(runWrk(url, { seconds: SECONDS }))
        runs[`${name}304`]?.push(
          runWrk(url, { seconds: SECONDS, headers: { 'If-None-Match': etag } }),
        )
      }
    }
    const rps = (key: string) => best(runs[key] ?? []).requestsPerSecond
    const rows: BenchRow[] = []
    for (const code of ['200', '304']) {
      rows.push(
        {
          group: 'export',
          metric: `GET /v1/status ${code}: nginx serving the export`,
          unit: 'req/s',
          ours: rps(`nginx${code}`),
          baseline: { name: 'our service', value: rps(`ours${code}`) },
        },
        {
          group: 'export',
          metric: `GET /v1/status ${code}: our service, 1 process`,
          unit: 'req/s',
          ours: rps(`ours${code}`),
          baseline: { name: 'bare node:http', value: rps(`bare${code}`) },
          target: { text: '≥ 0.9× bare node', met: rps(`ours${code}`) >= 0.9 * rps(`bare${code}`) },
        },
      )
    }
    return rows
  } finally {
    for (const child of children) await stop(child)
    rmSync(dir, { recursive: true, force: true })
  }
}
