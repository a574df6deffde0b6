/**
 * Browser: what the service worker costs and how fast it helps, in real headless Chromium against
 * real loopback servers (the same scenario as tests/browser/sw-*.test.ts, npm run build first).
 * - Time from navigation start to the help page (DOMContentLoaded, Navigation Timing) for a
 *   refused connection, a 503 and a hanging server (timeout 1500 ms), with the status service up.
 * - Median duration of a healthy navigation with the worker versus without it, interleaved in one
 *   run so both see the same machine load.
 * - gzip sizes of the client entry, the worker and the help page (HTML + JS + CSS).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { renderHelpDocument } from '../../../client/help-page/render-document.js'
import type { HelpModel } from '../../../formats/help-model.js'
import { isHelpPage, startScenario, TEST_TIMEOUT_MS } from '../../../tests/browser/sw-fixture.js'
import { BROWSER_DIST, launchChromium } from '../../../tests/support/browser.js'
import type { BenchRow } from '../table.js'

const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 15)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Navigation start → DOMContentLoaded of the page that ended up shown, in the page's clock. */
async function navigationMs(page: Page, url: string, expectHelp: boolean): Promise<number> {
  const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 })
  if ((await isHelpPage(response)) !== expectHelp) {
    throw new Error(`${url}: expected ${expectHelp ? 'the help page' : 'the app'}`)
  }
  return page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    return entry ? entry.domContentLoadedEventEnd - entry.startTime : Number.NaN
  })
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
    defaults: {
      app: 'crm',
      appVersion: '1.4.2',
      helpText: null,
      helpUrl: null,
      statusUrl: 'https://status.example.com',
      lang: 'en',
      strings: {},
    },
    retryAfterSeconds: null,
    lastSuccessfulLoad: now,
    serviceWorkerState: 'controlling',
    retryUrl: 'https://crm.example.com/login',
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const browser = await launchChromium()
  try {
    const plain = {
      'GET /plain': (_req: unknown, res: import('node:http').ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end('<!doctype html><title>Plain</title><h1>Healthy page</h1>')
      },
    }
    const scenario = await startScenario(browser, {
      status: { helpText: 'Call 0100', userMessage: 'Upgrade in progress' },
      routes: plain,
      // As deployed: the worker reads the status at most once a minute, not after every page.
      statusMaxAgeSeconds: 60,
    })
    try {
      const { app, page } = scenario
      await scenario.visitOnce()
      // Healthy navigation, with the worker (this context) and without (a fresh context).
      const bare = await browser.newContext()
      const barePage = await bare.newPage()
      const withSw: number[] = []
      const withoutSw: number[] = []
      for (let i = 0; i < RUNS * 2 + 4; i++) {
        const a = await navigationMs(page, `${app.origin}/plain`, false)
        const b = await navigationMs(barePage, `${app.origin}/plain`, false)
        if (i >= 4) {
          withSw.push(a)
          withoutSw.push(b)
        }
      }
      await bare.close()
      const overhead = median(withSw) - median(withoutSw)
      rows.push({
        group: 'browser',
        metric: 'healthy navigation (median)',
        unit: 'ms',
        ours: median(withSw),
        baseline: { name: 'no service worker', value: median(withoutSw) },
        target: { text: '≤ +5 ms overhead', met: overhead <= 5 },
      })

      const outage = async (mode: Parameters<typeof app.setMode>[0], runs: number) => {
        await app.setMode(mode)
        const times: number[] = []
        for (let i = 0; i < runs + 1; i++) {
          const ms = await navigationMs(page, `${app.origin}/`, true)
          if (i > 0) times.push(ms)
        }
        await app.setMode('normal')
        return median(times)
      }
      const refused = await outage('stopped', RUNS)
      rows.push({
        group: 'browser',
        metric: 'help page: connection refused',
        unit: 'ms',
        ours: refused,
        target: { text: '≤ 150 ms', met: refused <= 150 },
      })
      const unavailable = await outage({ status: 503 }, RUNS)
      rows.push({
        group: 'browser',
        metric: 'help page: 503',
        unit: 'ms',
        ours: unavailable,
        target: { text: '≤ 150 ms', met: unavailable <= 150 },
      })
      const hanging = await outage('hang', 3)
      rows.push({
        group: 'browser',
        metric: `help page: hanging (timeout ${TEST_TIMEOUT_MS} ms)`,
        unit: 'ms',
        ours: hanging,
        target: {
          text: `≤ ${TEST_TIMEOUT_MS + 150} ms`,
          met: hanging <= TEST_TIMEOUT_MS + 150,
        },
      })
    } finally {
      await scenario.close()
    }
  } finally {
    await browser.close()
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
