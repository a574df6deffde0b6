/**
 * The demo's sample app on http://localhost:8080: a login page using the built startup-help.js and
 * sw.js, a login API, and a switch that makes it fail the way real servers do.
 */
import { readFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { extname, join, normalize } from 'node:path'

/** How the app behaves: as usual, down (connection refused), 503 from a "proxy", or hanging. */
export const DEMO_MODES = ['normal', 'stopped', '503', 'hanging'] as const
export type DemoMode = (typeof DEMO_MODES)[number]

export interface DemoAppOptions {
  port: number
  /** The demo's pages (demo/public). */
  publicDir: string
  /** The built browser files (dist/browser): sw.js, startup-help.js, help page. */
  browserDir: string
  /** Handed to the page as /demo-config.json. */
  pageConfig: { statusUrl: string; controlUrl: string; navigationTimeoutMs: number }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
}

const PAGES: Record<string, string> = { '/': 'index.html', '/welcome': 'welcome.html' }
const BROWSER_FILES = /^\/(sw\.js|startup-help\.js|help-page\.(js|css)|chunks\/[\w.-]+\.js)$/

function sendFile(res: ServerResponse, file: string): boolean {
  try {
    const body = readFileSync(file)
    // no-cache: a rebuilt sw.js or page is picked up on the next load.
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    })
    res.end(body)
    return true
  } catch {
    return false
  }
}

/**
 * Starts the sample app. `setMode('stopped')` really closes the port (the browser gets "connection
 * refused"); any other mode opens it again.
 *
 * @example
 * const app = await startDemoApp({ port: 8080, publicDir, browserDir, pageConfig })
 * await app.setMode('503')
 */
export async function startDemoApp(options: DemoAppOptions) {
  let mode: DemoMode = 'normal'
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    if (mode === 'hanging') return // accept, never answer: what a stuck backend looks like
    if (mode === '503') {
      res.writeHead(503, {
        'content-type': 'text/html; charset=utf-8',
        'retry-after': '10',
        'x-request-id': `demo-${Date.now().toString(36)}`,
      })
      res.end('<!doctype html><title>503</title><h1>503 Service Unavailable</h1><p>nginx</p>')
      return
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method === 'POST' && path === '/api/login') {
      let body = ''
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8')
      })
      req.on('end', () => {
        let password: unknown = null
        try {
          password = (JSON.parse(body) as { password?: unknown }).password
        } catch {
          password = null
        }
        const ok = password === 'demo'
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        res.end(JSON.stringify(ok ? { ok: true } : { error: 'wrong user or password' }))
      })
      return
    }
    if (req.method === 'GET' && path === '/demo-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify(options.pageConfig))
      return
    }
    if (req.method === 'GET') {
      const page = PAGES[path]
      if (page && sendFile(res, join(options.publicDir, page))) return
      if (BROWSER_FILES.test(path) && sendFile(res, join(options.browserDir, normalize(path)))) {
        return
      }
      if (/^\/app\.(js|css)$/.test(path) && sendFile(res, join(options.publicDir, path))) return
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>Not found</title><h1>Not found</h1><p><a href="/">Home</a></p>')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const closePort = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
    })

  await listen()
  return {
    get mode(): DemoMode {
      return mode
    },
    async setMode(next: DemoMode): Promise<void> {
      if (next === mode) return
      const was = mode
      mode = next
      if (next === 'stopped') await closePort()
      else if (was === 'stopped') await listen()
      // Leaving "hanging": let the waiting requests go.
      if (was === 'hanging') for (const socket of sockets) socket.destroy()
    },
    async close(): Promise<void> {
      if (mode !== 'stopped') await closePort()
    },
  }
}

export type DemoApp = Awaited<ReturnType<typeof startDemoApp>>
