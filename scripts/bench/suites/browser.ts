/**
 * Browser: what the service worker costs and how fast it helps, per engine (Chromium, Firefox,
 * WebKit through the test matrix's drivers) against real loopback servers (npm run build first).
 * - Median duration of a healthy navigation with the worker versus without it (the same page from
 *   a second server on localhost, with no worker), interleaved so both see the same load.
 * - Time from navigation start to the help page for a refused connection, a 503 and a hanging
 *   server (timeout 1500 ms), with the status service up.
 * - gzip sizes of the client entry, the worker and the help page (HTML + JS + CSS).
 * Navigation Timing in the page's clock: navigation start to DOMContentLoaded.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { HelpModel } from '../../../formats/help-model.js'
import { renderHelpDocument } from '../../../help-page/render-document.js'
import { startMatrixScenario } from '../../../tests/browser/matrix/matrix-fixture.js'
import { TEST_TIMEOUT_MS } from '../../../tests/browser/sw-fixture.js'
import {
  BROWSER_DIST,
  type ServerMode,
  startSwitchableServer,
} from '../../../tests/support/browser.js'
import type { Engine, EngineName, EnginePage } from '../../../tests/support/engines/engine.js'
import { launchEngine } from '../../../tests/support/engines/launch.js'
import { helpModel } from '../../../tests/support/engines/page-actions.js'
import { crmDefaults } from '../../../tests/support/help-defaults.js'
import type { BenchRow } from '../table.js'

const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 15)
const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit']

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Navigation start → DOMContentLoaded of the page that ended up shown, in the page's clock. */
async function navigationMs(page: EnginePage, url: string, expectHelp: boolean): Promise<number> {
  await page.goto(url)
  if (((await helpModel(page)) !== null) !== expectHelp) {
    throw new Error(`${url}: expected ${expectHelp ? 'the help page' : 'the app'}`)
  }
  return page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    return entry ? entry.domContentLoadedEventEnd - entry.startTime : Number.NaN
  }, null)
}

const plainPage = {
  'GET /plain': (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>Plain</title><h1>Healthy page</h1>')
  },
}

async function measureEngine(engine: Engine): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const group = `browser: ${engine.name}`
  const scenario = await startMatrixScenario(engine, {
    status: { helpText: 'Call 0100', userMessage: 'Upgrade in progress' },
    routes: plainPage,
    // As deployed: the worker reads the status at most once a minute, not after every page.
    statusMaxAgeSeconds: 60,
  })
  try {
    const { app, page } = scenario
    await scenario.visitOnce()
    // The baseline: the same page from a second server on localhost (same site, so no browser
    // switches processes between the two; no worker registered there).
    const bareServer = await startSwitchableServer((req, res) => plainPage['GET /plain'](req, res))
    const controlled = `${app.origin}/plain`
    const bare = `${bareServer.origin}/plain`
    const withSw: number[] = []
    const withoutSw: number[] = []
    for (let i = 0; i < RUNS * 2 + 4; i++) {
      const a = await navigationMs(page, controlled, false)
      const b = await navigationMs(page, bare, false)
      if (i >= 4) {
        withSw.push(a)
        withoutSw.push(b)
      }
    }
    await bareServer.close()
    const overhead = median(withSw) - median(withoutSw)
    rows.push({
      group,
      metric: 'healthy navigation (median)',
      unit: 'ms',
      ours: median(withSw),
      baseline: { name: 'no service worker', value: median(withoutSw) },
      target: { text: '≤ +5 ms overhead', met: overhead <= 5 },
    })

    const outage = async (mode: ServerMode, runs: number) => {
      await app.setMode(mode)
      const times: number[] = []
      for (let i = 0; i < runs + 1; i++) {
        const ms = await navigationMs(page, `${app.origin}/`, true)
        if (i > 0) times.push(ms)
      }
      await app.setMode('normal')
      return median(times)
    }
    const outages: Array<[string, ServerMode, number, number]> = [
      ['connection refused', 'stopped', RUNS, 150],
      ['503', { status: 503 }, RUNS, 150],
      [`hanging (timeout ${TEST_TIMEOUT_MS} ms)`, 'hang', 3, TEST_TIMEOUT_MS + 150],
    ]
    for (const [what, mode, runs, limit] of outages) {
      const ms = await outage(mode, runs)
      rows.push({
        group,
        metric: `time to help: ${what}`,
        unit: 'ms',
        ours: ms,
        target: { text: `≤ ${limit} ms`, met: ms <= limit },
      })
    }
  } finally {
    await scenario.close()
  }
  return rows
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length / 1024

function sampleModel(): HelpModel {
  const now = new Date().toISOString()
  return {
    failure: {
      kind: 'http-error',
      url: 'https://crm.example.com/login',
      method: 'GET',
      status: 503,
      durationMs: 42,
      at: now,
      errorCode: 'http-503',
      requestId: 'req-123',
    },
    known: {
      receivedAt: now,
      status: {
        app: 'crm',
        lang: 'en',
        helpText: 'Call the duty admin: +1 555 0100',
        helpUrl: 'https://wiki.example.com/login-help',
        supportEmail: 'support@example.com',
        message: {
          text: 'Server upgrade until 14:00.',
          severity: 'maintenance',
          startsAt: null,
          expires: null,
        },
        retryAfterSeconds: 30,
        disableServiceWorker: false,
        serverTime: now,
        updatedAt: now,
      },
    },
    defaults: crmDefaults('en'),
    retryAfterSeconds: null,
    lastSuccessfulLoad: now,
    serviceWorkerState: 'controlling',
    retryUrl: 'https://crm.example.com/login',
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const name of ENGINES) {
    const engine = await launchEngine(name)
    try {
      rows.push(...(await measureEngine(engine)))
    } finally {
      await engine.close()
    }
  }

  const file = (name: string) => readFileSync(join(BROWSER_DIST, name))
  const client = gz(file('startup-help.js'))
  rows.push({
    group: 'browser',
    metric: 'startup-help.js (gzip)',
    unit: 'KB',
    ours: client,
    target: { text: '≤ 5 KB', met: client <= 5 },
  })
  const worker = gz(file('sw.js'))
  rows.push({
    group: 'browser',
    metric: 'sw.js (gzip)',
    unit: 'KB',
    ours: worker,
    target: { text: '≤ 25 KB', met: worker <= 25 },
  })
  const html = renderHelpDocument(sampleModel(), {
    scriptUrl: '/help-page.js',
    styleUrl: '/help-page.css',
  })
  rows.push({
    group: 'browser',
    metric: 'help page html+js+css (gzip)',
    unit: 'KB',
    ours: gz(html) + gz(file('help-page.js')) + gz(file('help-page.css')),
  })
  return rows
}
