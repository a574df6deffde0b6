import { describe, expect, it } from 'vitest'
import { chooseLanguage, EN, format, RU, stringsFor } from './strings.js'

describe('chooseLanguage', () => {
  it("takes the developer's language over the browser's", () => {
    expect(chooseLanguage('ru', ['en-US'], {})).toBe('ru')
  })

  it('takes the first browser language that has strings, by its base language', () => {
    expect(chooseLanguage(null, ['de-DE', 'ru-RU', 'en'], {})).toBe('ru')
  })

  it('counts a language the developer supplied strings for', () => {
    expect(chooseLanguage(null, ['de-DE', 'en'], { de: { need_help: 'Hilfe' } })).toBe('de')
  })

  it('falls back to English', () => {
    expect(chooseLanguage(null, ['ja', 'zh-CN'], {})).toBe('en')
    expect(chooseLanguage(null, [], {})).toBe('en')
  })
})

describe('stringsFor', () => {
  it('has every key in Russian and English', () => {
    expect(Object.keys(RU).sort()).toEqual(Object.keys(EN).sort())
    expect(stringsFor('ru', {}).cause_timeout).toBe('Он слишком долго не отвечает.')
  })

  it('lets the developer override single keys and ignores unknown ones', () => {
    const table = stringsFor('en', { en: { need_help: 'Help desk', bogus: 'x' } })
    expect(table.need_help).toBe('Help desk')
    expect(table.try_again).toBe(EN.try_again)
    expect('bogus' in table).toBe(false)
  })

  it('fills a language the developer only partly translated from English', () => {
    const table = stringsFor('de', { de: { need_help: 'Hilfe' } })
    expect(table.need_help).toBe('Hilfe')
    expect(table.try_again).toBe(EN.try_again)
  })
})

describe('format', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(format(EN.sent, { id: 'SH-7K3M9Q' })).toBe('Sent — reference SH-7K3M9Q')
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}')
  })
})
