import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../formats/error-body.js'
import type { StoredOneCReport, StoredReport } from '../../formats/report.js'
import { type RunningServer, startServer } from '../../server/node.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { ADMIN_TOKEN, DURING_INCIDENT, ONEC_STATUS } from '../support/onec-fixture.js'
import {
  lieAboutSizes,
  multipartWith,
  reportZip,
  sampleGetInfo,
  sampleOneCReport,
  tinyPng,
  zeros,
} from '../support/onec-zip.js'
import { eventually } from '../support/status-fixture.js'

let dir: string
let running: RunningServer | null = null
let hook: Server | null = null
let delivered: StoredReport[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-onec-socket-'))
  await writeFile(join(dir, 'status.json'), JSON.stringify(ONEC_STATUS))
  delivered = []
})

afterEach(async () => {
  await running?.close()
  running = null
  await new Promise((resolve) => (hook ? hook.close(resolve) : resolve(null)))
  hook = null
  await rm(dir, { recursive: true, force: true })
})

/** A real webhook receiver that keeps what it gets. */
async function startHook(): Promise<string> {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      delivered.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as StoredReport)
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => hook?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`
}

async function start(perHour = 3): Promise<string> {
  running = await startServer({
    statusFile: join(dir, 'status.json'),
    dataDir: join(dir, 'data'),
    port: 0,
    host: '127.0.0.1',
    adminToken: ADMIN_TOKEN,
    reports: readReportsConfig({
      STARTUP_HELP_REPORTS_PER_MINUTE: '0',
      STARTUP_HELP_WEBHOOK_URL: await startHook(),
    }),
    oneC: { enabled: true, reportsPerErrorPerHour: perHour, maxScreenshotBytes: 1024 * 1024 },
    now: () => DURING_INCIDENT,
    log: () => {},
  })
  return running.url
}

const post = (url: string, body: BodyInit, type?: string) =>
  fetch(url, {
    method: 'POST',
    body,
    ...(type ? { headers: { 'content-type': type } } : {}),
    signal: AbortSignal.timeout(10_000),
  })

async function listed(url: string): Promise<StoredOneCReport[]> {
  const response = await fetch(`${url}/v1/reports`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  return ((await response.json()) as { reports: StoredOneCReport[] }).reports
}

describe('1C error reports on a real socket', () => {
  it('answers getInfo, stores multipart and raw reports, forwards both to the webhook', async () => {
    const url = await start()
    const info = await post(
      `${url}/1c/getInfo`,
      JSON.stringify(sampleGetInfo()),
      'application/json',
    )
    expect(info.status).toBe(200)
    expect(info.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await info.json()).toEqual({
      needSendReport: true,
      userMessage: 'Бухгалтерия: обновление сервера до 15:00.\n\nПозвоните дежурному: 123',
      dumpType: 1,
    })

    const multipart = await post(
      `${url}/1c/pushReport`,
      multipartWith(reportZip(sampleOneCReport())),
    )
    expect([multipart.status, await multipart.text()]).toEqual([200, ''])
    const raw = await post(
      `${url}/1c/pushReport`,
      new Uint8Array(reportZip(sampleOneCReport())),
      'application/zip',
    )
    expect([raw.status, await raw.text()]).toEqual([200, ''])

    const records = await listed(url)
    expect(records.map((record) => record.id)).toEqual([
      raw.headers.get('x-startup-help-report'),
      multipart.headers.get('x-startup-help-report'),
    ])
    expect(records.every((record) => record.source === '1c' && record.app === 'accounting')).toBe(
      true,
    )
    await eventually(() => delivered.length === 2)
    expect(delivered.map((record) => record.id).sort()).toEqual(records.map((r) => r.id).sort())
    expect(delivered[0]).toMatchObject({
      source: '1c',
      attachments: [expect.objectContaining({ bytes: tinyPng().length })],
    })
  })

  it('counts the same error past the hourly limit instead of storing it', async () => {
    const url = await start(1)
    await post(
      `${url}/1c/pushReport`,
      new Uint8Array(reportZip(sampleOneCReport())),
      'application/zip',
    )
    const info = await post(
      `${url}/1c/getInfo`,
      JSON.stringify(sampleGetInfo()),
      'application/json',
    )
    expect(((await info.json()) as { needSendReport: boolean }).needSendReport).toBe(false)
    const again = await post(
      `${url}/1c/pushReport`,
      new Uint8Array(reportZip(sampleOneCReport())),
      'application/zip',
    )
    expect(again.status).toBe(200)
    expect(again.headers.get('x-startup-help-duplicate')).toBe('counted')
    expect(await listed(url)).toHaveLength(1)
  })

  it('refuses a body over 10 MiB with 413, a bomb with 413 and a traversal with 400, storing nothing', async () => {
    const url = await start()
    const huge = await post(
      `${url}/1c/pushReport`,
      new Uint8Array(10 * 1024 * 1024 + 1),
      'application/zip',
    )
    expect(huge.status).toBe(413)
    expect(errorOf(await huge.json())?.code).toBe('payload-too-large')

    const bomb = lieAboutSizes(
      reportZip(`{"errorInfo":{},"x":"${' '.repeat(16 * 1024 * 1024)}"}`),
      100,
    )
    expect(bomb.length).toBeLessThan(100 * 1024)
    const bombed = await post(`${url}/1c/pushReport`, new Uint8Array(bomb), 'application/zip')
    expect(bombed.status).toBe(413)
    expect(errorOf(await bombed.json())?.message).toBe(
      'ZIP entry report.json is larger than 524288 bytes',
    )

    // Chunked, so no Content-Length tells the size up front: counted as it streams.
    const chunked = await fetch(`${url}/1c/getInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([`{"configName":"${'x'.repeat(100 * 1024)}"}`]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(errorOf(await chunked.json())?.code).toBe('payload-too-large')

    const climbing = reportZip(sampleOneCReport(), { '../../../tmp/owned': zeros(3) })
    const refused = await post(`${url}/1c/pushReport`, multipartWith(climbing))
    expect(refused.status).toBe(400)
    expect(errorOf(await refused.json())).toMatchObject({ code: 'invalid-zip' })
    expect(await listed(url)).toEqual([])
    expect(delivered).toEqual([])
  })
})
