import { describe, expect, it } from 'vitest'
import { describeFailure, parseRetryAfter, requestIdFrom } from './failure.js'
import { failureSchema } from './report.js'

const now = Date.parse('2026-11-22T11:00:00.000Z')

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates (rounded up), treating a past date as now', () => {
    expect(parseRetryAfter('30', now)).toBe(30)
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:01:00 GMT', now)).toBe(60)
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:01:00 GMT', now + 500)).toBe(60)
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:00 GMT', now)).toBe(0)
  })

  it('ignores what it cannot read and caps absurd values at a day', () => {
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter(' ', now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter('9999999', now)).toBe(86_400)
  })
})

describe('requestIdFrom', () => {
  it('prefers X-Request-Id, takes the trace id out of a traceparent, falls back to CF-Ray', () => {
    expect(requestIdFrom(new Headers({ 'x-request-id': 'req-1', 'cf-ray': 'r' }))).toBe('req-1')
    expect(
      requestIdFrom(
        new Headers({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }),
      ),
    ).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
    expect(requestIdFrom(new Headers({ 'cf-ray': '8a1b2c3d4e5f6789-AMS' }))).toBe(
      '8a1b2c3d4e5f6789-AMS',
    )
  })

  it('skips a malformed traceparent and answers null when nothing is there', () => {
    expect(requestIdFrom(new Headers({ traceparent: '00-abc-def-01' }))).toBeNull()
    expect(requestIdFrom(new Headers({ traceparent: '00-abc-def-01', 'cf-ray': 'x-AMS' }))).toBe(
      'x-AMS',
    )
    expect(requestIdFrom(new Headers())).toBeNull()
  })
})

describe('describeFailure', () => {
  it('gives network failures, timeouts and offline their own codes, and no status', () => {
    const codes = (['unreachable', 'timeout', 'offline'] as const).map((kind) => {
      const { failure } = describeFailure({ kind, url: '/', startedAt: now, failedAt: now + 1500 })
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

  it('dates a failure at its start when known, else when it was seen, with no duration', () => {
    const started = describeFailure({
      kind: 'timeout',
      url: '/',
      startedAt: now,
      failedAt: now + 9,
    })
    expect(started.failure.at).toBe('2026-11-22T11:00:00.000Z')
    const unknownStart = describeFailure({
      kind: 'timeout',
      url: '/',
      startedAt: null,
      failedAt: now,
    })
    expect(unknownStart.failure).toMatchObject({ at: '2026-11-22T11:00:00.000Z', durationMs: null })
  })
})
