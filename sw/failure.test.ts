import { describe, expect, it } from 'vitest'
import { navigationFailure } from './failure.js'

const attempt = { url: 'https://crm.example.com/login', method: 'GET', startedAt: 1_000_000 }

describe('navigation failures as the help page and the report describe them', () => {
  it('describes an outage status with its code and request id', () => {
    const response = new Response('down', { status: 502, headers: { 'x-request-id': 'r-9' } })
    expect(navigationFailure(attempt, { kind: 'http-error', response }, 1_000_250).failure).toEqual(
      {
        kind: 'http-error',
        url: 'https://crm.example.com/login',
        method: 'GET',
        status: 502,
        durationMs: 250,
        at: new Date(1_000_000).toISOString(),
        errorCode: 'http-502',
        requestId: 'r-9',
      },
    )
  })
})
