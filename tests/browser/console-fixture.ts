/**
 * The whole service for the console's browser tests: status file, data folder with reports,
 * labelled admin tokens, over a real socket on 127.0.0.1, as `startup-help serve` would run it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Report } from '../../formats/report.js'
import { createApp } from '../../server/app.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { openReportService, type ReportService } from '../../server/reports/service.js'
import { StatusStore } from '../../server/status/status-store.js'
import { BROWSER_DIST } from '../support/browser.js'
import { startStoppableServer } from '../support/stoppable-server.js'

export const CONSOLE_TOKENS = [
  { label: 'alice', token: 'alice-console-token-0123' },
  { label: 'bob', token: 'bob-console-token-456789' },
]

/** Where the console tests leave their screenshots, to be looked at (and copied to docs/). */
export const SCREENSHOT_DIR = join(process.cwd(), 'tests/.tmp/console-screenshots')

export interface ConsoleService {
  origin: string
  file: string
  store: StatusStore
  reports: ReportService
  writeStatus(document: unknown): void
  /** Stores a report as received at `receivedAtMs` (default now): a past incident's reports. */
  addReport(report: Report, receivedAtMs?: number): Promise<string>
  close(): Promise<void>
}

/**
 * @example
 * const service = await startConsoleService({ helpText: 'Call 100' })
 * await page.goto(`${service.origin}/admin`)
 */
export async function startConsoleService(document: unknown): Promise<ConsoleService> {
  const dir = mkdtempSync(join(tmpdir(), 'startup-help-console-'))
  const file = join(dir, 'status.json')
  const dataDir = join(dir, 'data')
  mkdirSync(dataDir)
  const writeStatus = (next: unknown) => writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`)
  writeStatus(document)
  const store = new StatusStore({ file, log: () => {} }).start()
  let receivedAt: number | null = null
  const reports = await openReportService({
    now: () => receivedAt ?? Date.now(),
    dataDir,
    config: readReportsConfig({}),
    log: () => {},
  })
  const app = createApp({
    store,
    dataDir,
    adminToken: CONSOLE_TOKENS,
    reports,
    browserAssetsDir: BROWSER_DIST,
  })
  const server = await startStoppableServer((request) => app.fetch(request))
  return {
    origin: server.origin,
    file,
    store,
    reports,
    writeStatus(next) {
      writeStatus(next)
      store.reload()
    },
    async addReport(report, receivedAtMs) {
      receivedAt = receivedAtMs ?? null
      try {
        return (await reports.store.add(report)).id
      } finally {
        receivedAt = null
      }
    },
    async close() {
      await server.stop()
      store.stop()
      await reports.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Signs in the way an admin does: keyboard only, token pasted into the one field, Enter.
 *
 * @example
 * await signInByKeyboard(page, service.origin, CONSOLE_TOKENS[0].token)
 */
export async function signInByKeyboard(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/admin`)
  await page.waitForSelector('#token')
  // The field has autofocus: typing goes there without a click.
  await page.keyboard.type(token)
  await Promise.all([page.waitForURL(/\/admin\/status/), page.keyboard.press('Enter')])
}
