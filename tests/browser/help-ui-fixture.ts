/**
 * Servers for the help UI browser tests: the real status service (createApp plus the /help and
 * report routes, over a real socket on 127.0.0.1) and a small app on http://localhost whose login
 * uses the built client library the way a developer would, under a strict CSP, with its login
 * API switchable between working, 503 and a dropped connection.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import type { StoredBrowserReport } from '../../formats/report.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { createApp } from '../../server/app.js'
import { helpPageRoutes } from '../../server/routes/help-page.js'
import { reportRoutes } from '../../server/routes/reports.js'
import { StatusStore } from '../../server/status/status-store.js'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import {
  BROWSER_DIST,
  type SwitchableServer,
  serveFile,
  startSwitchableServer,
} from '../support/browser.js'
import { startStoppableServer } from '../support/stoppable-server.js'

export const ADMIN_TOKEN = 'test-admin-token-for-help-ui'

export interface StatusServiceHandle {
  readonly origin: string
  readonly reportPosts: number
  /** A stored report, read back through the admin API. */
  storedReport(id: string): Promise<StoredBrowserReport>
  /** Replaces the status file and makes the service serve it now. */
  writeStatus(document: StatusDocument): void
  /** Every stored report, newest first (admin API). */
  storedReports(): Promise<StoredBrowserReport[]>
  /** Stops listening (the browser sees a refused connection); `start` listens on the same port. */
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the status service with `document` as its status file.
 *
 * @example
 * const status = await startStatusService({ helpText: 'Call 123' })
 */
export async function startStatusService(document: StatusDocument): Promise<StatusServiceHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-ui-'))
  const file = join(dir, 'status.json')
  writeFileSync(file, JSON.stringify(document))
  const store = new StatusStore({ file, log: () => {} }).start()
  const reports = await FolderReportStorage.open({ dir: join(dir, 'data'), log: () => {} })
  const root = new Hono()
  root.route(
    '/help',
    helpPageRoutes({
      resolveStatus: (app, lang) => store.resolve({ app, lang }),
      browserAssetsDir: BROWSER_DIST,
    }),
  )
  root.route('/v1/reports', reportRoutes({ store: reports, adminToken: ADMIN_TOKEN }))
  root.route('/', createApp({ store, dataDir: join(dir, 'data'), adminToken: ADMIN_TOKEN }))
  let reportPosts = 0
  const server = await startStoppableServer((request) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/v1/reports') reportPosts++
    return root.fetch(request)
  })
  const { origin } = server
  return {
    origin,
    get reportPosts() {
      return reportPosts
    },
    async storedReport(id) {
      const res = await fetch(`${origin}/v1/reports/${encodeURIComponent(id)}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      if (!res.ok) throw new Error(`GET /v1/reports/${id}: ${res.status} ${await res.text()}`)
      const body = (await res.json()) as StoredBrowserReport | { report: StoredBrowserReport }
      return 'report' in body ? body.report : body
    },
    writeStatus(next) {
      writeFileSync(file, JSON.stringify(next))
      store.reload()
    },
    async storedReports() {
      const res = await fetch(`${origin}/v1/reports`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      return ((await res.json()) as { reports: StoredBrowserReport[] }).reports
    },
    stop: () => server.stop(),
    start: () => server.start(),
    async close() {
      await server.stop()
      store.stop()
      await reports.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** How the app's login API answers. */
export type LoginMode = 'ok' | 'http-503' | 'drop'

export interface DemoApp {
  server: SwitchableServer
  readonly origin: string
  loginMode: LoginMode
  close(): Promise<void>
}

/**
 * The app: `/` is a login page under a strict CSP (no inline script or style anywhere) whose
 * external script registers startup-help and calls `showStartupError` when the login fails.
 * `clientOptions` are passed to `registerStartupHelp` as they are.
 *
 * @example
 * const app = await startDemoApp({ app: 'crm', statusUrl: status.origin })
 */
export async function startDemoApp(clientOptions: Record<string, unknown>): Promise<DemoApp> {
  const state = { loginMode: 'http-503' as LoginMode }
  const statusOrigin = String(clientOptions.statusUrl ?? '')
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM login</title></head>
<body><header><p>CRM</p></header><main><h1>Log in to CRM</h1>
<form id="login"><label for="user">User</label><input id="user" name="user" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Log in</button></form><p id="result"></p></main>
<script type="application/json" id="client-options">${JSON.stringify(clientOptions).replace(/</g, '\\u003c')}</script>
<script type="module" src="/app.js"></script></body></html>`
  const script = `import { registerStartupHelp, showStartupError } from '/startup-help.js'
const options = JSON.parse(document.getElementById('client-options').textContent)
window.registration = registerStartupHelp(options)
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault()
  const startedAt = Date.now()
  const body = new URLSearchParams(new FormData(event.target))
  try {
    const response = await fetch('/api/login', { method: 'POST', body })
    if (response.status >= 500) return showStartupError(response, { method: 'POST', startedAt })
    document.getElementById('result').textContent = 'Welcome'
  } catch (error) {
    return showStartupError(error, { url: '/api/login', method: 'POST', startedAt })
  }
})
`
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${statusOrigin}; img-src 'self'; base-uri 'none'; form-action 'self'`
  const server = await startSwitchableServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
      })
      res.end(page)
      return
    }
    if (req.method === 'GET' && path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
      res.end(script)
      return
    }
    if (req.method === 'POST' && path === '/api/login') {
      if (state.loginMode === 'drop') {
        req.socket.destroy()
        return
      }
      if (state.loginMode === 'http-503') {
        res.writeHead(503, { 'content-type': 'text/plain', 'x-request-id': 'req-login-503' })
        res.end('upstream down')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
      return
    }
    if (req.method === 'GET' && serveFile(res, BROWSER_DIST, path)) return
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('not found')
  })
  return {
    server,
    origin: server.origin,
    get loginMode() {
      return state.loginMode
    },
    set loginMode(mode: LoginMode) {
      state.loginMode = mode
    },
    close: () => server.close(),
  }
}
