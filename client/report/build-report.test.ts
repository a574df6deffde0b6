import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { HelpModel } from '../../formats/help-model.js'
import { reportSchema } from '../../formats/report.js'
import { crmDefaults } from '../../tests/support/help-defaults.js'
import { LIBRARY_VERSION } from '../version.js'
import { type BrowserFacts, buildReport } from './build-report.js'
import { newClientReportId } from './client-report-id.js'

const facts: BrowserFacts = {
  pageUrl: 'https://app.example.com/login?next=%2F&token=SECRET-TOKEN#code=AUTH-CODE',
  userAgent: 'Mozilla/5.0 Test',
  language: 'ru-RU',
  timeZone: 'Europe/Moscow',
  online: true,
  now: Date.parse('2026-11-22T11:00:00.000Z'),
}

const model: HelpModel = {
  failure: {
    kind: 'http-error',
    url: 'https://app.example.com/api/login?password=hunter2&user=ann',
    method: 'POST',
    status: 503,
    durationMs: 120,
    at: '2026-11-22T10:59:59.000Z',
    errorCode: 'http-503',
    requestId: 'req-42',
  },
  known: {
    receivedAt: '2026-11-22T10:00:00.000Z',
    status: {
      app: 'crm',
      lang: 'ru',
      helpText: null,
      helpUrl: null,
      supportEmail: null,
      retryAfterSeconds: null,
      disableServiceWorker: false,
      serverTime: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
      message: {
        text: 'Upgrade until 14:00',
        severity: 'maintenance',
        startsAt: null,
        expires: '2026-11-22T14:00:00.000Z',
      },
    },
  },
  defaults: crmDefaults(null),
  retryAfterSeconds: null,
  lastSuccessfulLoad: '2026-11-21T18:00:00.000Z',
  serviceWorkerState: 'controlling',
  retryUrl: 'https://app.example.com/login',
}

describe('buildReport', () => {
  it('builds a report the service accepts, with the fields the report format lists', () => {
    const report = buildReport(model, facts, {
      clientReportId: newClientReportId(),
      comment: '  I cannot log in  ',
      contact: 'ann@example.com',
    })
    expect(reportSchema.safeParse(report).success).toBe(true)
    expect(report).toMatchObject({
      app: 'crm',
      appVersion: '1.4.2',
      libraryVersion: LIBRARY_VERSION,
      createdAt: '2026-11-22T11:00:00.000Z',
      failure: { kind: 'http-error', status: 503, method: 'POST', requestId: 'req-42' },
      browser: { language: 'ru-RU', timeZone: 'Europe/Moscow', online: true },
      serviceWorker: { state: 'controlling', lastSuccessfulLoad: '2026-11-21T18:00:00.000Z' },
      shownMessage: 'Upgrade until 14:00',
      comment: 'I cannot log in',
      contact: 'ann@example.com',
    })
  })

  it('carries no secret from the page URL or the failed request URL', () => {
    const text = JSON.stringify(buildReport(model, facts, { clientReportId: newClientReportId() }))
    expect(text).not.toContain('SECRET-TOKEN')
    expect(text).not.toContain('AUTH-CODE')
    expect(text).not.toContain('hunter2')
    expect(text).toContain('user=ann')
  })

  it('leaves out an empty comment and contact, and works without a failure (the /help page)', () => {
    const report = buildReport({ ...model, failure: null, known: null }, facts, {
      clientReportId: newClientReportId(),
      comment: '   ',
    })
    expect(reportSchema.safeParse(report).success).toBe(true)
    expect('comment' in report).toBe(false)
    expect(report.failure).toMatchObject({ kind: 'unreachable', errorCode: 'unknown-error' })
    expect(report.shownMessage).toBeNull()
  })

  it('makes client report ids the service accepts and never repeats them', () => {
    const ids = new Set(Array.from({ length: 200 }, newClientReportId))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
  })

  it('reports the same library version as package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(LIBRARY_VERSION).toBe(pkg.version)
  })
})
