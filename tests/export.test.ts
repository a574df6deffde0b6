/**
 * `startup-help export` (the built CLI) served by config-samples/nginx-export.conf on a real
 * nginx: the same answers as the service, 304s on its ETags, the help page, and `--watch`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../server/app.js'
import { StatusStore } from '../server/status/status-store.js'
import { CLI, runCli } from './support/cli.js'
import { type ExportNginx, startExportNginx } from './support/nginx-export.js'
import { hasNginx } from './support/nginx-sample.js'
import { eventually } from './support/status-fixture.js'

let dir: string
let statusFile: string
let out: string
let nginx: ExportNginx

/** Expires in 10 minutes: the Cache-Control must still be capped by the default 60 s. */
const inTenMinutes = () => new Date(Date.now() + 600_000).toISOString()

function writeStatus(message: string) {
  writeFileSync(
    statusFile,
    JSON.stringify({
      helpText: 'Call 1234',
      apps: { crm: { userMessage: { en: message, ru: `RU ${message}` }, expires: inTenMinutes() } },
    }),
  )
}

/** The service's own answer for the same file (Hono app, same answerer as the fast path). */
async function serviceAnswer(path: string) {
  const store = new StatusStore({ file: statusFile, log: () => {} }).start()
  try {
    return await createApp({ store, dataDir: join(dir, 'data'), adminToken: null }).request(path)
  } finally {
    store.stop()
  }
}

/**
 * A request while nginx reloads may land on a kept-alive connection that the old worker closes:
 * that is a retry for the client, not a failure of the export (undefined: ask again).
 */
const fetchAcrossReload = (url: string) => fetch(url).catch(() => undefined)

const withoutServerTime = (body: string) => {
  const { serverTime: _serverTime, ...rest } = JSON.parse(body) as Record<string, unknown>
  return rest
}

beforeAll(async () => {
  if (!hasNginx) return
  dir = mkdtempSync(join(tmpdir(), 'sh-export-'))
  statusFile = join(dir, 'status.json')
  out = join(dir, 'export')
  writeStatus('Upgrade until 14:00')
  const exported = await runCli(['export', '--out', out, '--status', statusFile])
  expect(exported.stderr).toBe('')
  expect(exported.code).toBe(0)
  nginx = await startExportNginx(out, 8787)
})

afterAll(async () => {
  if (!hasNginx) return
  await nginx?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!hasNginx)('static export served by the nginx sample', () => {
  it('passes nginx -t as shipped', () => {
    const result = nginx.test()
    expect(result.output).toContain('syntax is ok')
    expect(result.ok).toBe(true)
  })

  it("answers /v1/status with the service's body, ETag and a Cache-Control no longer than the service's", async () => {
    for (const path of [
      '/v1/status?app=crm&lang=en',
      '/v1/status?app=crm&lang=ru',
      '/v1/status?lang=en',
    ]) {
      const fromNginx = await fetch(`${nginx.url}${path}`)
      const fromService = await serviceAnswer(path)
      expect(fromNginx.status).toBe(200)
      expect(fromNginx.headers.get('etag')).toBe(fromService.headers.get('etag'))
      expect(fromNginx.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(fromNginx.headers.get('access-control-allow-origin')).toBe('*')
      expect(withoutServerTime(await fromNginx.text())).toEqual(
        withoutServerTime(await fromService.text()),
      )
      const maxAge = Number(/max-age=(\d+)/.exec(fromNginx.headers.get('cache-control') ?? '')?.[1])
      expect(maxAge).toBeGreaterThan(0)
      expect(maxAge).toBeLessThanOrEqual(60)
    }
  })

  it('answers 304 to the ETag the service gave, and 404 to a malformed app', async () => {
    const etag = (await serviceAnswer('/v1/status?app=crm&lang=en')).headers.get('etag') ?? ''
    const revalidated = await fetch(`${nginx.url}/v1/status?app=crm&lang=en`, {
      headers: { 'If-None-Match': etag },
    })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('etag')).toBe(etag)
    expect(revalidated.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    expect((await fetch(`${nginx.url}/v1/status?app=../../etc&lang=en`)).status).toBe(404)
    expect((await fetch(`${nginx.url}/v1/status?app=nosuch&lang=en`)).status).toBe(404)
  })

  it('picks the language from Accept-Language when none is asked for', async () => {
    const answer = await fetch(`${nginx.url}/v1/status?app=crm`, {
      headers: { 'Accept-Language': 'ru-RU,ru;q=0.9' },
    })
    expect(((await answer.json()) as { message: { text: string } }).message.text).toBe(
      'RU Upgrade until 14:00',
    )
  })

  it('serves the help page and its assets', async () => {
    const page = await fetch(`${nginx.url}/help?app=crm&lang=en`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain('Upgrade until 14:00')
    const script = /src="([^"]+help-page\.js)"/.exec(html)?.[1] ?? ''
    expect(script).toBe('/help/assets/help-page.js')
    expect((await fetch(`${nginx.url}${script}`)).status).toBe(200)
  })

  it('--watch exports each change and reloads nginx, which then serves it', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        CLI,
        'export',
        '--out',
        out,
        '--status',
        statusFile,
        '--watch',
        '--after',
        nginx.reloadCommand,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    try {
      await eventually(() => output.includes('exported'), 10_000)
      writeStatus('Back at 15:00')
      await eventually(async () => {
        const answer = await fetchAcrossReload(`${nginx.url}/v1/status?app=crm&lang=en`)
        const body = (await answer?.json()) as { message: { text: string } } | undefined
        const service = await serviceAnswer('/v1/status?app=crm&lang=en')
        return (
          body?.message.text === 'Back at 15:00' &&
          answer?.headers.get('etag') === service.headers.get('etag')
        )
      }, 10_000)
      expect(readFileSync(join(out, 'etag.map'), 'utf8')).toContain('/v1/status/crm/en.json')
      // A message that expires in two seconds: the export at its expiry takes it away.
      writeFileSync(
        statusFile,
        JSON.stringify({
          apps: {
            crm: { userMessage: 'Short', expires: new Date(Date.now() + 2000).toISOString() },
          },
        }),
      )
      await eventually(async () => {
        const answer = await fetchAcrossReload(`${nginx.url}/v1/status?app=crm&lang=en`)
        const body = (await answer?.json()) as { message: { text: string } | null } | undefined
        return body?.message?.text === 'Short'
      }, 10_000)
      await eventually(async () => {
        const answer = await fetchAcrossReload(`${nginx.url}/v1/status?app=crm&lang=en`)
        return ((await answer?.json()) as { message: unknown } | undefined)?.message === null
      }, 10_000)
    } finally {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
    expect(output).not.toContain('failed')
  })
})
