import { describe, expect, it } from 'vitest'
import { failureSchema } from '../formats/report.js'
import { navigationFailure, requestIdOf, retryAfterSeconds } from './failure.js'

const attempt = { url: 'https://crm.example.com/login', method: 'GET', startedAt: 1_000_000 }

describe('navigation failures as the help page and the report describe them', () => {
  it('reads Retry-After as seconds or as an HTTP date, capped at a day', () => {
    const now = Date.parse('2026-11-22T12:00:00Z')
    expect(retryAfterSeconds(new Headers({ 'retry-after': '30' }), now)).toBe(30)
    expect(
      retryAfterSeconds(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 12:01:00 GMT' }), now),
    ).toBe(60)
    expect(retryAfterSeconds(new Headers({ 'retry-after': '9999999' }), now)).toBe(86_400)
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeNull()
    expect(retryAfterSeconds(new Headers(), now)).toBeNull()
  })

  it('takes the request id from X-Request-Id, traceparent or CF-Ray', () => {
    expect(requestIdOf(new Headers({ 'x-request-id': 'req-1' }))).toBe('req-1')
    expect(requestIdOf(new Headers({ traceparent: '00-abc-def-01' }))).toBe('00-abc-def-01')
    expect(requestIdOf(new Headers({ 'cf-ray': '8a1b-AMS' }))).toBe('8a1b-AMS')
    expect(requestIdOf(new Headers({ 'x-other': 'x' }))).toBeNull()
  })

  it('describes an outage status with its code and request id', () => {
    const response = new Response('down', { status: 502, headers: { 'x-request-id': 'r-9' } })
    expect(navigationFailure(attempt, { kind: 'http-error', response }, 1_000_250)).toEqual({
      kind: 'http-error',
      url: 'https://crm.example.com/login',
      method: 'GET',
      status: 502,
      durationMs: 250,
      at: new Date(1_000_000).toISOString(),
      errorCode: 'http-502',
      requestId: 'r-9',
    })
  })

  it('gives network failures, timeouts and offline their own codes and no status', () => {
    const codes = (['unreachable', 'timeout', 'offline'] as const).map((kind) => {
      const failure = navigationFailure(attempt, { kind }, 1_001_500)
      // What a report carries must pass the server's validation.
      expect(failureSchema.safeParse(failure).success).toBe(true)
      return [failure.kind, failure.errorCode, failure.status, failure.durationMs]
    })
    expect(codes).toEqual([
      ['unreachable', 'net-error', null, 1500],
      ['timeout', 'timeout', null, 1500],
      ['offline', 'offline', null, 1500],
    ])
  })
})
