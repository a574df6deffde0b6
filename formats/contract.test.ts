import { describe, expect, it } from 'vitest'
import { errorOf } from './error-body.js'
import {
  languageFromAcceptLanguage,
  PATHS,
  reportsEndpoint,
  statusRequestUrl,
} from './status-url.js'

describe('the contract in formats/', () => {
  it('builds the service URLs from its paths, forgiving a trailing slash', () => {
    expect(reportsEndpoint('https://status.example.com/')).toBe(
      `https://status.example.com${PATHS.reports}`,
    )
    expect(statusRequestUrl('https://status.example.com', 'crm', 'ru-RU')).toBe(
      'https://status.example.com/v1/status?app=crm&lang=ru-RU',
    )
  })

  it("takes Accept-Language's first tag when the service accepts it", () => {
    expect(languageFromAcceptLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru-RU')
    expect(languageFromAcceptLanguage('*')).toBeNull()
    expect(languageFromAcceptLanguage(undefined)).toBeNull()
  })

  it('reads the API error shape, and nothing else', () => {
    expect(
      errorOf({ error: { code: 'invalid-field', message: 'too long', field: 'comment' } }),
    ).toEqual({ code: 'invalid-field', message: 'too long', field: 'comment' })
    expect(errorOf({ error: 'nope' })).toBeNull()
    expect(errorOf(null)).toBeNull()
  })
})
