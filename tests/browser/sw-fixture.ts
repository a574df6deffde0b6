/**
 * One scenario for the service worker browser tests: the real status service (createApp over a
 * real socket, on 127.0.0.1: another origin) and a small app on http://localhost that registers the
 * built worker, both on free ports, plus a fresh Chromium context. Either server can be stopped and
 * started again on the same port.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { StatusDocument } from '../../formats/status-document.js'
import type { ServiceWorkerConfig } from '../../formats/sw-config.js'
import { DEFAULT_OUTAGE_STATUSES, serviceWorkerUrl } from '../../formats/sw-config-url.js'
import { createApp } from '../../server/app.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { openReportService } from '../../server/reports/service.js'
import { StatusStore } from '../../server/status/status-store.js'
import {
  BROWSER_DIST,
  type RequestHandler,
  type SwitchableServer,
  serveFile,
  startSwitchableServer,
} from '../support/browser.js'
import { startStoppableServer } from '../support/stoppable-server.js'

/** Short, so the hanging-server test stays quick; the schema's minimum is 500 ms. */
export const TEST_TIMEOUT_MS = 1500

export interface StatusService {
  readonly origin: string
  /** Requests that reached the service, e.g. `GET /v1/status`. */
  readonly hits: string[]
  /** Admin token of the service (GET /v1/reports). */
  readonly adminToken: string
  stop(): Promise<void>
  /** Also closes the report store, for teardown. */
  close(): Promise<void>
  start(): Promise<void>
  /** Writes the status file and waits until the service serves it. */
  writeStatus(document: StatusDocument): Promise<void>
}

async function startStatusService(dir: string, maxAgeSeconds: number): Promise<StatusService> {
  const file = join(dir, 'status.json')
  writeFileSync(file, '{}')
  const store = new StatusStore({ file, log: () => {}, pollIntervalMs: 50 }).start()
  const adminToken = 'test-admin-token'
  const dataDir = join(dir, 'data')
  const reports = await openReportService({
    dataDir,
    config: readReportsConfig({}),
    log: () => {},
  })
  const app = createApp({
    store,
    dataDir,
    adminToken,
    statusMaxAgeSeconds: maxAgeSeconds,
    reports,
  })
  const hits: string[] = []
  const server = await startStoppableServer((request) => {
    hits.push(`${request.method} ${new URL(request.url).pathname}`)
    return app.fetch(request)
  })
  const { origin } = server
  const service: StatusService = {
    origin,
    hits,
    adminToken,
    async close() {
      await service.stop()
      store.stop()
      await reports.close()
    },
    stop: () => server.stop(),
    start: () => server.start(),
    async writeStatus(document) {
      writeFileSync(file, JSON.stringify(document, null, 2))
      // The store follows the file by polling; reading it now makes the test deterministic.
      store.reload()
    },
  }
  return service
}

/**
 * The app page. `direct` registers the worker with the configuration in its URL (what the client
 * does; keeps these tests about the worker); `client` uses the built startup-help.js like an app.
 */
function appPage(title: string, registration: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>
<form method="post" action="/login"><label>User <input name="user" value="ann"></label>
<button id="login">Log in</button></form>
<form method="post" action="/login-broken"><button id="login-broken">Log in (broken)</button></form>
<script type="module">${registration}</script>
</body></html>`
}

/** The two servers of a scenario and the worker configuration, without a browser. */
export interface ScenarioServers {
  app: SwitchableServer
  status: StatusService
  config: ServiceWorkerConfig
  /** Stops both servers and deletes the scenario's folder. */
  close(): Promise<void>
}

export interface Scenario {
  app: SwitchableServer
  status: StatusService
  context: BrowserContext
  page: Page
  config: ServiceWorkerConfig
  /** First visit: waits until the worker controls the page and has read the status. */
  visitOnce(): Promise<void>
  /** Names of all caches and every URL in them. */
  cachedUrls(): Promise<{ caches: string[]; urls: string[] }>
  close(): Promise<void>
}

export interface ScenarioOptions {
  status?: StatusDocument
  /** `max-age` of status answers; 0 lets the worker read the status after every navigation. */
  statusMaxAgeSeconds?: number
  /** Folder the worker and its assets are served from (default dist/browser). */
  assetsDir?: string
  /** How the page registers the worker (default `direct`). */
  register?: 'direct' | 'client'
  /** Extra routes of the app, tried before the built-in ones. */
  routes?: Record<string, RequestHandler>
  /** Rewrites the worker script as the app serves it (`/sw.js`), e.g. to make a new version. */
  transformWorker?: (source: string) => string
  /** Pathname prefixes the worker never steps in for (`excludePaths` of the client). */
  excludePaths?: string[]
  /** More options for `registerStartupHelp` (`register: 'client'` only), e.g. `{ banner: true }`. */
  clientOptions?: Record<string, unknown>
}

/**
 * Starts a scenario; always `await scenario.close()` in afterEach.
 *
 * @example
 * const s = await startScenario(browser, { status: { helpText: 'Call 123' } })
 * await s.visitOnce()
 * await s.app.setMode('stopped')
 */
export async function startScenario(
  browser: Browser,
  options: ScenarioOptions = {},
): Promise<Scenario> {
  const { app, status, config, close } = await startScenarioServers(options)
  const context = await browser.newContext()
  const page = await context.newPage()

  return {
    app,
    status,
    context,
    page,
    config,
    async visitOnce() {
      await page.goto(`${app.origin}/`)
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
          )
        }
      })
      // The worker reads the status when it activates; wait until it is kept.
      await page.waitForFunction(hasKnownStatus, undefined, { timeout: 10_000, polling: 100 })
    },
    async cachedUrls() {
      return page.evaluate(async () => {
        const names = await caches.keys()
        const urls: string[] = []
        for (const name of names) {
          const cache = await caches.open(name)
          for (const request of await cache.keys()) urls.push(request.url)
        }
        return { caches: names, urls }
      })
    },
    async close() {
      await context.close().catch(() => {})
      await close()
    },
  }
}

/**
 * True in a page once the worker has kept a status (it reads one when it activates). Runs in the
 * page: every engine's driver can evaluate it.
 */
export async function hasKnownStatus(): Promise<boolean> {
  const cache = await caches.open('startup-help-state-v1')
  const keys = await cache.keys()
  return keys.some((request) => request.url.endsWith('/known-status'))
}

/**
 * Starts a scenario's servers: the status service and the app (see {@link startScenario} for a
 * Playwright page on top; the browser matrix opens its own pages).
 *
 * @example
 * const servers = await startScenarioServers({ register: 'client' })
 */
export async function startScenarioServers(
  options: ScenarioOptions = {},
): Promise<ScenarioServers> {
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-sw-'))
  const status = await startStatusService(dir, options.statusMaxAgeSeconds ?? 0)
  if (options.status) await status.writeStatus(options.status)
  const config: ServiceWorkerConfig = {
    app: 'crm',
    appVersion: '1.0.0',
    helpText: 'Default help text from the app',
    helpUrl: 'https://help.example.com/default',
    statusUrl: status.origin,
    lang: 'en',
    strings: {},
    navigationTimeoutMs: TEST_TIMEOUT_MS,
    outageStatuses: [...DEFAULT_OUTAGE_STATUSES],
    ...(options.excludePaths ? { excludePaths: options.excludePaths } : {}),
  }
  const { statusUrl, helpText, helpUrl, navigationTimeoutMs, excludePaths } = config
  const registration =
    options.register === 'client'
      ? `import { registerStartupHelp } from '/startup-help.js'
window.startupHelpRegistration = registerStartupHelp(${JSON.stringify({ app: 'crm', appName: 'CRM', appVersion: '1.0.0', lang: 'en', statusUrl, helpText, helpUrl, navigationTimeoutMs, excludePaths, swUrl: '/sw.js', ...options.clientOptions })})`
      : `navigator.serviceWorker.register(${JSON.stringify(serviceWorkerUrl('/sw.js', config))})`
  const assets = options.assetsDir ?? BROWSER_DIST
  const html = (res: Parameters<RequestHandler>[1], code: number, body: string) => {
    res.writeHead(code, { 'content-type': 'text/html; charset=utf-8' })
    res.end(body)
  }
  const app = await startSwitchableServer((req, res, body) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const extra = options.routes?.[`${req.method} ${path}`]
    if (extra) return extra(req, res, body)
    if (req.method === 'GET' && (path === '/' || path === '/about')) {
      return html(res, 200, appPage(path === '/' ? 'App home' : 'About the app', registration))
    }
    if (req.method === 'GET' && path === '/old') {
      res.writeHead(302, { location: '/about' })
      res.end()
      return
    }
    if (req.method === 'POST' && path === '/login') {
      return html(res, 200, `<!doctype html><title>Welcome</title><h1>Welcome, ${body}</h1>`)
    }
    if (req.method === 'POST' && path === '/login-broken') {
      return html(res, 503, '<!doctype html><title>App 503</title><h1>The app says 503</h1>')
    }
    if (req.method === 'GET' && path === '/api/data') {
      res.writeHead(503, { 'content-type': 'application/json' })
      res.end('{"error":"api down"}')
      return
    }
    if (req.method === 'GET' && path === '/sw.js' && options.transformWorker) {
      const source = readFileSync(join(assets, 'sw.js'), 'utf8')
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      })
      res.end(options.transformWorker(source))
      return
    }
    if (req.method === 'GET' && serveFile(res, assets, path)) return
    return html(res, 404, '<!doctype html><title>Not found</title><h1>App 404 page</h1>')
  })
  return {
    app,
    status,
    config,
    async close() {
      await app.close()
      await status.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** True when `page` shows our help page (the worker marks its answer). */
export async function isHelpPage(response: { headers(): Record<string, string> } | null) {
  return response?.headers()['x-startup-help'] === 'help-page'
}
