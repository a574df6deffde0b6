import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionLimitsOptions } from '../../server/http/connection-limits.js'
import { type RunningServer, startServer } from '../../server/node.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

let dir: string
let file: string
let running: RunningServer | null = null
let service: ServiceProcess | null = null
let sockets: Socket[] = []
const logs: string[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-sockets-'))
  file = join(dir, 'status.json')
  writeFileSync(file, JSON.stringify({ helpText: 'first' }))
  logs.length = 0
})

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets = []
  await running?.close()
  running = null
  await service?.kill()
  service = null
  rmSync(dir, { recursive: true, force: true })
})

/** Opens `count` connections to `port`; each resolves `closed` when the server ends it. */
async function openSockets(port: number, count: number, trickle = false) {
  const closed: Promise<void>[] = []
  const opened: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    // Flowing, so the server's 408 and close are read and 'close' fires here.
    socket.resume()
    sockets.push(socket)
    opened.push(new Promise((resolve) => socket.once('connect', () => resolve())))
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())))
    if (trickle) {
      // Slowloris: a header line every 200 ms, never the blank line that ends the headers.
      socket.write('GET /v1/status HTTP/1.1\r\nHost: x\r\n')
      const timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200)
      socket.once('close', () => clearInterval(timer))
    }
  }
  await Promise.all(opened)
  return closed
}

async function start(connections: ConnectionLimitsOptions) {
  running = await startServer({
    statusFile: file,
    dataDir: join(dir, 'data'),
    port: 0,
    host: '127.0.0.1',
    adminToken: null,
    connections,
    reports: {
      allowedOrigins: '*',
      webhookUrl: null,
      retentionDays: 30,
      reportsPerMinute: 0,
      trustProxy: false,
    },
    log: (line) => logs.push(line),
  })
  return running
}

describe('idle and slow sockets', () => {
  it('closes 300 silent and 20 slowloris sockets while a normal client is served', async () => {
    const server = await start({ headersTimeoutMs: 500, checkIntervalMs: 100 })
    const silent = await openSockets(server.port, 300)
    const slow = await openSockets(server.port, 20, true)
    const res = await fetchWithin(`${server.url}/v1/status?lang=en`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { helpText: string }).helpText).toBe('first')
    // Bounded: with Node's defaults (60 s) this wait would fail.
    const allClosed = Promise.all([...silent, ...slow]).then(() => true)
    const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000))
    expect(await Promise.race([allClosed, deadline])).toBe(true)
  })

  it('refuses connections over the cap with one log line, and serves again once idle ones go', async () => {
    const server = await start({ maxConnections: 50, headersTimeoutMs: 1000, checkIntervalMs: 100 })
    const closed = await openSockets(server.port, 80)
    await eventually(() => logs.some((line) => line.includes('connection limit of 50 reached')))
    expect(logs.filter((line) => line.includes('connection limit')).length).toBe(1)
    await Promise.all(closed)
    const res = await fetchWithin(`${server.url}/v1/status`)
    expect(res.status).toBe(200)
  })
})

describe('no free file descriptors', () => {
  it('reads a status file saved while descriptors ran out once they are back, with no new save', async () => {
    // 128 descriptors, no connection cap: the sockets exhaust the process's descriptors.
    service = await startService(['--status', file, '--data', join(dir, 'data')], {
      shell: 'ulimit -n 128 && exec $CLI',
      env: { STARTUP_HELP_MAX_CONNECTIONS: '100000' },
    })
    const port = Number(new URL(service.url).port)
    await openSockets(port, 200)
    writeFileSync(file, JSON.stringify({ helpText: 'saved during the flood' }))
    const output = service.output
    // Generous waits: a loaded box polls and answers slowly, and only the outcome matters here.
    await eventually(() => /EMFILE/.test(output()), 20_000)
    for (const socket of sockets) socket.destroy()
    await eventually(async () => {
      // While the descriptors come back, a connection may still be refused: try again.
      const res = await fetchWithin(`${service?.url}/v1/status`).catch(() => null)
      const body = (await res?.json()) as { helpText?: string } | undefined
      return body?.helpText === 'saved during the flood'
    }, 20_000)
  }, 60_000)
})
