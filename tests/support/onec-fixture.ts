import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { createApp } from '../../server/app.js'
import type { OneCConfig } from '../../server/onec/config.js'
import { readReportsConfig } from '../../server/reports/config.js'
import { openReportService, type ReportService } from '../../server/reports/service.js'
import { StatusStore } from '../../server/status/status-store.js'

export const ADMIN_TOKEN = 'onec-admin-token'

/** During the sample status's windows: the accounting app's message and the top-level one are both on. */
export const DURING_INCIDENT = Date.parse('2026-11-22T10:00:00Z')

/** A status with a top-level message and an `accounting` app that owns a 1C configuration. */
export const ONEC_STATUS = {
  helpText: { en: 'Call the duty admin: 123', ru: 'Позвоните дежурному: 123' },
  userMessage: { en: 'Network maintenance until 15:00.', ru: 'Работы в сети до 15:00.' },
  expires: '2026-11-22T15:00:00+03:00',
  apps: {
    accounting: {
      oneCConfigNames: ['БухгалтерияПредприятия'],
      userMessage: {
        en: 'Accounting: server update until 15:00.',
        ru: 'Бухгалтерия: обновление сервера до 15:00.',
      },
    },
  },
}

export interface OneCFixture {
  dir: string
  dataDir: string
  status: StatusStore
  reports: ReportService
  app: Hono
  close(): Promise<void>
}

/**
 * The whole Hono app with the 1C routes on (unless `oneC.enabled` is false), a real status store
 * and a real report service in a temp folder.
 *
 * @example
 * const fx = await oneCFixture()
 * const res = await fx.app.request('/1c/getInfo', { method: 'POST', body: '{}' })
 */
export async function oneCFixture(
  oneC: Partial<OneCConfig> = {},
  env: Record<string, string> = {},
): Promise<OneCFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sh-onec-'))
  const dataDir = join(dir, 'data')
  writeFileSync(join(dir, 'status.json'), JSON.stringify(ONEC_STATUS))
  const status = new StatusStore({
    file: join(dir, 'status.json'),
    now: () => DURING_INCIDENT,
    log: () => {},
  }).start()
  const reports = await openReportService({
    dataDir,
    config: readReportsConfig({ STARTUP_HELP_REPORTS_PER_MINUTE: '0', ...env }),
    log: () => {},
  })
  const app = createApp({
    store: status,
    dataDir,
    adminToken: ADMIN_TOKEN,
    reports,
    reportsPerMinute: 0,
    oneC: {
      enabled: true,
      reportsPerErrorPerHour: 3,
      maxScreenshotBytes: 1024 * 1024,
      ...oneC,
    },
  })
  return {
    dir,
    dataDir,
    status,
    reports,
    app,
    async close() {
      status.stop()
      await reports.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
