/**
 * The demo's control page on its own port (http://localhost:8081), so it keeps working while the
 * sample app is "stopped".
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { DEMO_MODES, type DemoApp, type DemoMode } from './app-server.js'

export interface ControlOptions {
  port: number
  dir: string
  app: DemoApp
  appUrl: string
  setMessage(text: string): Promise<string>
  clearMessage(): Promise<string>
  onModeChange(mode: DemoMode): void
}

const FILES: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/control.js': ['control.js', 'text/javascript; charset=utf-8'],
  '/control.css': ['control.css', 'text/css; charset=utf-8'],
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
      if (body.length > 4000) req.destroy()
    })
    req.on('end', () => resolve(body))
  })
}

/**
 * Starts the control page.
 *
 * @example
 * const control = await startControl({ port: 8081, dir: 'demo/control', app, appUrl, … })
 */
export async function startControl(options: ControlOptions) {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const file = FILES[path]
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-cache' })
      res.end(readFileSync(join(options.dir, file[0])))
      return
    }
    if (req.method === 'GET' && path === '/state') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ mode: options.app.mode, appUrl: options.appUrl }))
      return
    }
    if (req.method === 'POST' && path === '/mode') {
      const mode = (await readBody(req)).trim() as DemoMode
      if (!DEMO_MODES.includes(mode)) {
        res.writeHead(400).end(`mode must be one of ${DEMO_MODES.join(', ')}`)
        return
      }
      await options.app.setMode(mode)
      options.onModeChange(mode)
      res.writeHead(204).end()
      return
    }
    if (path === '/message' && (req.method === 'POST' || req.method === 'DELETE')) {
      const text = req.method === 'POST' ? (await readBody(req)).trim() : ''
      const result =
        req.method === 'POST' ? await options.setMessage(text) : await options.clearMessage()
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(result)
      return
    }
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
