import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  hasNginx,
  type RunningNginx,
  sampleUnitEnvironment,
  startSampleNginx,
} from '../support/nginx-sample.js'
import { sampleReport } from '../support/report-fixture.js'
import { type ServiceProcess, startService } from '../support/service-process.js'

let dir: string
let service: ServiceProcess
let nginx: RunningNginx

beforeAll(async () => {
  if (!hasNginx) return
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-proxy-'))
  writeFileSync(join(dir, 'status.json'), '{}')
  // The service as the systemd sample sets it up (its trust-proxy setting included), with a
  // limit of 3 reports a minute so the test stays short.
  const unit = sampleUnitEnvironment()
  service = await startService(
    ['--status', join(dir, 'status.json'), '--data', join(dir, 'data')],
    {
      env: {
        STARTUP_HELP_TRUST_PROXY: unit.STARTUP_HELP_TRUST_PROXY ?? '',
        STARTUP_HELP_REPORTS_PER_MINUTE: '3',
      },
    },
  )
  nginx = await startSampleNginx(Number(new URL(service.url).port))
})

afterAll(async () => {
  if (!hasNginx) return
  await nginx?.stop()
  await service?.kill()
  rmSync(dir, { recursive: true, force: true })
})

/** POSTs a report through nginx from the loopback address `from` (each user has their own). */
function postThroughProxy(
  from: string,
  extraHeaders: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: nginx.port,
        path: '/v1/reports',
        method: 'POST',
        localAddress: from,
        rejectUnauthorized: false,
        servername: 'status.example.com',
        headers: {
          host: 'status.example.com',
          'content-type': 'application/json',
          ...extraHeaders,
        },
      },
      (res) => {
        res.resume()
        res.once('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.once('error', reject)
    req.end(JSON.stringify(sampleReport()))
  })
}

describe.skipIf(!hasNginx)('behind the nginx and systemd samples', () => {
  it('gives two users behind the proxy separate report limits', async () => {
    const first: number[] = []
    for (let i = 0; i < 4; i++) first.push(await postThroughProxy('127.0.0.2'))
    expect(first).toEqual([201, 201, 201, 429])
    // Another user behind the same proxy is not blocked by the first one's flood.
    expect(await postThroughProxy('127.0.0.3')).toBe(201)
  })

  it('cannot be fooled by an X-Forwarded-For header the user sends', async () => {
    // The sample sets the header from $remote_addr, replacing what the client sent.
    expect(await postThroughProxy('127.0.0.2', { 'x-forwarded-for': '198.51.100.7' })).toBe(429)
  })
})
