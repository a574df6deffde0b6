import { describe, expect, it } from 'vitest'
import { classifyFailure } from './classify-failure.js'

const now = Date.parse('2026-11-22T11:00:00.000Z')

describe('classifyFailure', () => {
  it('calls a 503 answer an http-error with its status, request id and Retry-After', () => {
    const response = new Response('down', {
      status: 503,
      headers: { 'x-request-id': 'req-42', 'retry-after': '120' },
    })
    const { failure, retryAfterSeconds } = classifyFailure(response, {
      url: 'https://app.example.com/api/login',
      method: 'post',
      startedAt: now - 250,
      now,
    })
    expect(failure).toEqual({
      kind: 'http-error',
      url: 'https://app.example.com/api/login',
      method: 'POST',
      status: 503,
      durationMs: 250,
      // When the request started: the failure was seen durationMs later.
      at: '2026-11-22T10:59:59.750Z',
      errorCode: 'http-503',
      requestId: 'req-42',
    })
    expect(retryAfterSeconds).toBe(120)
  })

  it('calls a fetch TypeError an unreachable server when the device is online', () => {
    const { failure } = classifyFailure(new TypeError('Failed to fetch'), { now, online: true })
    expect(failure).toMatchObject({ kind: 'unreachable', errorCode: 'net-error', status: null })
  })

  it('calls any failure offline when the device says it is offline', () => {
    const { failure } = classifyFailure(new TypeError('Failed to fetch'), { now, online: false })
    expect(failure).toMatchObject({ kind: 'offline', errorCode: 'offline' })
  })

  it('calls an AbortError or TimeoutError a server that is not answering', () => {
    const abort = new DOMException('aborted', 'AbortError')
    const timeout = new DOMException('timed out', 'TimeoutError')
    expect(classifyFailure(abort, { now, online: true }).failure.kind).toBe('timeout')
    expect(classifyFailure(timeout, { now, online: true }).failure.kind).toBe('timeout')
  })

  it('calls something unexpected unreachable with an unknown-error code and no duration', () => {
    const { failure } = classifyFailure('boom', { now, online: true })
    expect(failure).toMatchObject({ kind: 'unreachable', errorCode: 'unknown-error' })
    expect(failure.durationMs).toBeNull()
    expect(failure.method).toBe('GET')
  })
})
