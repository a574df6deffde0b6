/**
 * Shared helpers for the browser tests: Debian's Chromium with the flags these machines need, and a
 * small app server on a free loopback port whose behaviour a test can switch (normal, stopped,
 * answering 503, hanging) while it counts every request it got.
 */

import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

/** Where `npm run build` puts the browser bundles (startup-help.js, sw.js, help page assets). */
export const BROWSER_DIST = fileURLToPath(new URL('../../dist/browser/', import.meta.url))

/** Flags these machines need: without the networking ones Chromium dials closed outside hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Launches headless Chromium; give each test its own `browser.newContext()` (a fresh profile:
 * no service worker, no caches).
 *
 * @example
 * const browser = await launchChromium()
 * const context = await browser.newContext()
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.STARTUP_HELP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
}

/** What the switchable server does with the next request. */
export type ServerMode = 'normal' | 'stopped' | 'hang' | 'stall-body' | { status: number }

export interface Hit {
  method: string
  path: string
  /** Sent as a navigation preload (`Service-Worker-Navigation-Preload` header). */
  preload: boolean
}

export interface SwitchableServer {
  /** `http://localhost:PORT` (localhost is a secure context: service workers work there). */
  readonly origin: string
  readonly port: number
  /** Every request the handler saw, in order (not counting those a hang or 503 swallowed). */
  readonly hits: Hit[]
  /** Also counts requests answered by the mode (503, hang), so tests can prove a request came. */
  readonly allHits: Hit[]
  setMode(mode: ServerMode): Promise<void>
  close(): Promise<void>
}

export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => void | Promise<void>

/**
 * Starts an HTTP server on a free port whose mode a test switches. `stopped` really closes the
 * listening socket and destroys open connections (the browser sees ECONNREFUSED); switching back
 * listens again on the same port.
 *
 * @example
 * const app = await startSwitchableServer((req, res) => res.end('hello'))
 * await app.setMode({ status: 503 })
 */
export async function startSwitchableServer(handler: RequestHandler): Promise<SwitchableServer> {
  let mode: ServerMode = 'normal'
  const hits: Hit[] = []
  const allHits: Hit[] = []
  const sockets = new Set<Socket>()
  const hanging = new Set<ServerResponse>()

  const server: Server = createServer((req, res) => {
    const hit = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      preload: req.headers['service-worker-navigation-preload'] !== undefined,
    }
    allHits.push(hit)
    if (mode === 'hang' || mode === 'stall-body') {
      // stall-body: a 200's headers go out at once, and then not one byte of its body.
      if (mode === 'stall-body') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.flushHeaders()
      }
      hanging.add(res)
      return
    }
    if (typeof mode === 'object') {
      res.writeHead(mode.status, { 'content-type': 'text/plain', 'x-request-id': 'req-test-42' })
      res.end(`status ${mode.status}`)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      hits.push(hit)
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch((error) => {
        res.statusCode = 500
        res.end(String(error))
      })
    })
  })
  server.keepAliveTimeout = 1000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy()
      hanging.clear()
      server.close(() => resolve())
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
    })

  await listen(0)
  const port = (server.address() as AddressInfo).port
  return {
    origin: `http://localhost:${port}`,
    port,
    hits,
    allHits,
    async setMode(next) {
      const wasStopped = mode === 'stopped'
      if ((mode === 'hang' || mode === 'stall-body') && next !== mode) {
        for (const res of hanging) res.destroy()
        hanging.clear()
      }
      mode = next
      if (next === 'stopped' && !wasStopped) await stop()
      if (next !== 'stopped' && wasStopped) await listen(port)
    },
    async close() {
      if (mode !== 'stopped') await stop()
      mode = 'stopped'
    },
  }
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
}

/**
 * Answers `res` with a file from `dir` when `path` names one (no `..` escapes); false otherwise.
 *
 * @example
 * if (serveFile(res, BROWSER_DIST, '/sw.js')) return
 */
export function serveFile(res: ServerResponse, dir: string, path: string): boolean {
  const clean = normalize(decodeURIComponent(path.split('?')[0] ?? '')).replace(/^(\.\.[/\\])+/, '')
  if (clean.endsWith('/')) return false
  try {
    const body = readFileSync(join(dir, clean))
    res.writeHead(200, {
      'content-type': TYPES[extname(clean)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    })
    res.end(body)
    return true
  } catch {
    return false
  }
}

/**
 * One Chromium for the enclosing test file or describe block: launched before its tests, closed
 * after them. Returns a getter, since the browser exists only once the hook has run.
 *
 * @example
 * const browser = useChromium()
 * it('…', async () => { const page = await browser().newPage() })
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser)
      throw new Error('Chromium is not launched yet: call browser() inside a test or hook')
    return browser
  }
}
