import { describe, expect, it } from 'vitest'
import { readOneCConfig } from '../../server/onec/config.js'
import { oneCLanguage } from '../../server/onec/status-for-config.js'
import { ReportsConfigError } from '../../server/reports/config.js'

describe('readOneCConfig', () => {
  it('is off, three reports per error an hour and 5 MiB screenshots when nothing is set', () => {
    expect(readOneCConfig({})).toEqual({
      enabled: false,
      reportsPerErrorPerHour: 3,
      maxScreenshotBytes: 5 * 1024 * 1024,
    })
  })

  it('reads every variable', () => {
    expect(
      readOneCConfig({
        STARTUP_HELP_1C_REPORTS: 'on',
        STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR: '0',
        STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES: '0',
      }),
    ).toEqual({ enabled: true, reportsPerErrorPerHour: 0, maxScreenshotBytes: 0 })
  })

  it('names every bad variable at once', () => {
    let caught: unknown
    try {
      readOneCConfig({
        STARTUP_HELP_1C_REPORTS: 'yes please',
        STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR: '-1',
        STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES: '5MB',
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ReportsConfigError)
    expect((caught as ReportsConfigError).problems).toEqual([
      'STARTUP_HELP_1C_REPORTS: "yes please" must be true or false',
      'STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR: "-1" must be a whole number from 0 to 1000',
      'STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES: "5MB" must be a whole number from 0 to 67108864',
    ])
  })
})

describe('oneCLanguage', () => {
  it("takes the platform's language, then the configuration's, then English", () => {
    expect(oneCLanguage('ru', 'en')).toBe('ru')
    expect(oneCLanguage('', 'uk')).toBe('uk')
    expect(oneCLanguage('ru_RU')).toBe('ru-RU')
    expect(oneCLanguage('<script>', null)).toBe('en')
  })
})
