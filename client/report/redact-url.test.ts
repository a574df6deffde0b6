import { describe, expect, it } from 'vitest'
import { isSensitiveKey, redactUrl } from './redact-url.js'

describe('redactUrl', () => {
  it('replaces the values of sensitive query keys and keeps the others as they were', () => {
    const redacted = redactUrl(
      'https://app.example.com/login?next=%2Fhome&token=abc&password=hunter2&api_key=k1&lang=ru',
    )
    expect(redacted).toBe(
      'https://app.example.com/login?next=%2Fhome&token=redacted&password=redacted&api_key=redacted&lang=ru',
    )
  })

  it('redacts OAuth tokens in the fragment and credentials in the authority', () => {
    const redacted = redactUrl(
      'https://user:pa55@app.example.com/cb#access_token=eyJhbGc&state=xyz&view=list',
    )
    expect(redacted).toBe(
      'https://app.example.com/cb#access_token=redacted&state=redacted&view=list',
    )
    expect(redacted).not.toContain('pa55')
  })

  it('keeps a fragment that is a route, not parameters', () => {
    expect(redactUrl('https://app.example.com/#/orders/42')).toBe(
      'https://app.example.com/#/orders/42',
    )
  })

  it('redacts key=value secrets even in text that is not a URL', () => {
    expect(redactUrl('/login?session=s3cr3t&x=1')).toBe('/login?session=redacted&x=1')
  })
})

describe('isSensitiveKey', () => {
  it('knows the usual names of secrets in any case', () => {
    for (const key of [
      'token',
      'Access_Token',
      'id_token',
      'PASSWORD',
      'passwd',
      'pwd',
      'client_secret',
      'code',
      'auth_code',
      'sessionId',
      'PHPSESSID',
      'Authorization',
      'key',
      'apiKey',
      'api-key',
      'jwt',
      'sig',
      'signature',
      'X-Amz-Signature',
      'otp',
    ]) {
      expect(isSensitiveKey(key), key).toBe(true)
    }
  })

  it('leaves ordinary keys alone', () => {
    for (const key of ['page', 'lang', 'next', 'q', 'sort', 'id', 'app']) {
      expect(isSensitiveKey(key), key).toBe(false)
    }
  })
})
