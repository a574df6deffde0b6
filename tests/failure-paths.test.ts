/**
 * One outage, two paths: the service worker's failed navigation and the page's failed request
 * (showStartupError) must describe the same answer the same way, so two reports of one outage
 * agree field by field.
 */
import { describe, expect, it } from 'vitest'
import { classifyFailure } from '../client/classify-failure.js'
import { buildReport } from '../client/report/build-report.js'
import type { HelpModel } from '../formats/help-model.js'
import type { Failure } from '../formats/report.js'
import { navigationFailure } from '../sw/failure.js'
import { crmDefaults } from './support/help-defaults.js'

const startedAt = Date.parse('2026-11-22T11:00:00.000Z')
const failedAt = startedAt + 640
const url = 'https://crm.example.com/login?next=%2F'

const failingAnswers: Array<[string, () => Response]> = [
  [
    '503 with X-Request-Id and Retry-After in seconds',
    () =>
      new Response('down', {
        status: 503,
        headers: { 'x-request-id': 'req-42', 'retry-after': '120' },
      }),
  ],
  [
    '502 with a traceparent and Retry-After as an HTTP date',
    () =>
      new Response('bad gateway', {
        status: 502,
        headers: {
          traceparent: '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
          'retry-after': new Date(failedAt + 90_500).toUTCString(),
        },
      }),
  ],
  [
    '504 with a malformed traceparent and CF-Ray',
    () => new Response('', { status: 504, headers: { traceparent: 'junk', 'cf-ray': '8a1b-AMS' } }),
  ],
]

function reportOf(failure: Failure, retryAfterSeconds: number | null) {
  const model: HelpModel = {
    failure,
    known: null,
    defaults: crmDefaults('en'),
    retryAfterSeconds,
    lastSuccessfulLoad: null,
    serviceWorkerState: 'controlling',
    retryUrl: url,
  }
  const facts = {
    pageUrl: url,
    userAgent: 'test',
    language: 'en',
    timeZone: 'UTC',
    online: true,
    now: failedAt,
  }
  return buildReport(model, facts, { clientReportId: 'client-report-0001' })
}

describe('the worker and the page describe one failed answer the same way', () => {
  it.each(failingAnswers)('%s', (_, answer) => {
    const worker = navigationFailure(
      { url, method: 'GET', startedAt },
      { kind: 'http-error', response: answer() },
      failedAt,
    )
    const page = classifyFailure(answer(), { url, method: 'GET', startedAt, now: failedAt })
    expect(page.retryAfterSeconds).toBe(worker.retryAfterSeconds)
    const fromWorker = reportOf(worker.failure, worker.retryAfterSeconds)
    const fromPage = reportOf(page.failure, page.retryAfterSeconds)
    for (const field of Object.keys(fromWorker.failure) as Array<keyof Failure>) {
      expect.soft(fromPage.failure[field], `failure.${field}`).toEqual(fromWorker.failure[field])
    }
    expect(fromPage).toEqual(fromWorker)
    expect(fromWorker.failure.requestId).not.toBeNull()
  })

  it('gives a network failure the same kind, code and timing on both paths', () => {
    const worker = navigationFailure(
      { url, method: 'GET', startedAt },
      { kind: 'unreachable' },
      failedAt,
    )
    const page = classifyFailure(new TypeError('Failed to fetch'), {
      url,
      method: 'GET',
      startedAt,
      now: failedAt,
      online: true,
    })
    expect(page).toEqual(worker)
  })
})
