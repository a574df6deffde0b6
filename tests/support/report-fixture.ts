import { randomBytes } from 'node:crypto'
import type { OneCReportInput, Report } from '../../formats/report.js'

/** A fresh idempotency id like the browser makes (22 URL-safe characters). */
export function newClientReportId(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * A valid report as the browser sends it, with a fresh clientReportId; override what a test needs.
 *
 * @example
 * const report = sampleReport({ app: 'crm', comment: 'login spins' })
 */
export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    clientReportId: newClientReportId(),
    app: 'crm',
    appVersion: '1.4.2',
    libraryVersion: '0.1.0',
    createdAt: '2026-11-22T11:05:00.000Z',
    pageUrl: 'https://crm.example.com/login?next=%2F',
    failure: {
      kind: 'http-error',
      url: 'https://crm.example.com/login',
      method: 'GET',
      status: 503,
      durationMs: 41,
      at: '2026-11-22T11:04:58.000Z',
      errorCode: 'http-503',
      requestId: 'req-8f2c',
    },
    browser: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
      language: 'en-US',
      timeZone: 'Europe/Moscow',
      online: true,
    },
    serviceWorker: { state: 'controlling', lastSuccessfulLoad: '2026-11-21T18:00:00.000Z' },
    shownMessage: 'Server upgrade in progress. Login is back by 14:00.',
    ...overrides,
  }
}

/**
 * A 1C:Enterprise report as the pushReport route hands it to the store; `description` is what
 * the user typed.
 *
 * @example
 * const report = sampleOneCReport({ description: 'Печать не работает' })
 */
export function sampleOneCReport(
  options: { app?: string | null; description?: string } = {},
): OneCReportInput {
  return {
    source: '1c',
    clientReportId: `1c-${newClientReportId()}`,
    app: options.app === undefined ? 'accounting' : options.app,
    report: {
      id: newClientReportId(),
      errorInfo: {
        userDescription: options.description ?? null,
        applicationErrorInfo: { errors: [['Деление на 0']] },
      },
    },
    attachments: [],
    otherFiles: [],
    problems: [],
    similarInLastHour: 0,
  }
}
