/**
 * A scenario of the browser matrix: the real status service and app servers of sw-fixture.ts,
 * and a page of one engine. The app registers the built worker with the built client library,
 * as an app does.
 */
import type { Engine, EngineName, EnginePage } from '../../support/engines/engine.js'
import { forgetOrigin, waitUntil } from '../../support/engines/page-actions.js'
import {
  hasKnownStatus,
  type ScenarioOptions,
  type ScenarioServers,
  startScenarioServers,
} from '../sw-fixture.js'

/**
 * Prepended to the worker for the `chromium-no-sync` engine: the Background Sync API is gone
 * before the worker's first line runs, exactly as in Firefox and Safari.
 */
const WITHOUT_BACKGROUND_SYNC = `// Test build: no Background Sync API, as in Firefox and Safari.
delete ServiceWorkerRegistration.prototype.sync; delete self.SyncManager; delete self.SyncEvent;
`

export interface MatrixScenario extends ScenarioServers {
  page: EnginePage
  /** First visit: registered by registerStartupHelp, controlling, and the status kept. */
  visitOnce(): Promise<void>
  /** Reports the status service stored for the app (admin API). */
  storedReports(): Promise<Array<{ id: string }>>
  close(): Promise<void>
}

/** Options the engine itself adds to every scenario (the no-sync worker). */
function engineOptions(name: EngineName, options: ScenarioOptions): ScenarioOptions {
  if (name !== 'chromium-no-sync') return options
  const transform = options.transformWorker
  return {
    ...options,
    transformWorker: (source) => WITHOUT_BACKGROUND_SYNC + (transform ? transform(source) : source),
  }
}

/**
 * Starts a scenario on `engine`; always `await scenario.close()` in afterEach.
 *
 * @example
 * const s = await startMatrixScenario(engine(), { status: { helpText: 'Call 0100' } })
 * await s.visitOnce()
 */
export async function startMatrixScenario(
  engine: Engine,
  options: ScenarioOptions = {},
): Promise<MatrixScenario> {
  const servers = await startScenarioServers(
    engineOptions(engine.name, { register: 'client', ...options }),
  )
  const page = await engine.newPage()
  const { app, status } = servers
  return {
    ...servers,
    page,
    async visitOnce() {
      await page.goto(`${app.origin}/`)
      await waitUntil(page, () => 'startupHelpRegistration' in window, null, {
        what: "the app's module script to call registerStartupHelp",
      })
      const registration = await page.evaluate(async () => {
        const answer = await (
          window as unknown as {
            startupHelpRegistration: Promise<{ outcome: string; reason?: string }>
          }
        ).startupHelpRegistration
        return { outcome: answer.outcome, reason: answer.reason ?? null }
      }, null)
      if (registration.outcome !== 'registered') {
        throw new Error(
          `registerStartupHelp answered ${registration.outcome}: ${registration.reason}`,
        )
      }
      await waitUntil(page, () => navigator.serviceWorker.controller !== null, null, {
        what: 'the worker to control the page',
      })
      await waitUntil(page, hasKnownStatus, null, { what: 'the worker to keep the status' })
    },
    async storedReports() {
      const response = await fetch(`${status.origin}/v1/reports?app=crm`, {
        headers: { authorization: `Bearer ${status.adminToken}` },
      })
      return ((await response.json()) as { reports: Array<{ id: string }> }).reports
    },
    async close() {
      // Same-profile engines (WebKit) meet a reused port only without our registration.
      try {
        await app.setMode('normal')
        await page.goto(`${app.origin}/about`)
        await forgetOrigin(page)
      } catch {
        // The scenario broke the page: the servers still go.
      }
      await page.close()
      await servers.close()
    },
  }
}
