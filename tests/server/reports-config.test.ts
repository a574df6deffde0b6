import { describe, expect, it } from 'vitest'
import { ReportsConfigError, readReportsConfig } from '../../server/reports/config.js'

describe('readReportsConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(readReportsConfig({})).toEqual({
      allowedOrigins: '*',
      webhookUrl: null,
      retentionDays: 30,
      reportsPerMinute: 20,
      trustProxy: false,
    })
  })

  it('reads an origin allowlist, a webhook, retention, a rate and the proxy flag', () => {
    const config = readReportsConfig({
      STARTUP_HELP_ALLOWED_ORIGINS: 'https://crm.example.com, http://localhost:5173/',
      STARTUP_HELP_WEBHOOK_URL: 'https://chat.example.com/hooks/abc',
      STARTUP_HELP_REPORT_RETENTION_DAYS: '7',
      STARTUP_HELP_REPORTS_PER_MINUTE: '0',
      STARTUP_HELP_TRUST_PROXY: 'true',
    })
    expect(config).toEqual({
      allowedOrigins: ['https://crm.example.com', 'http://localhost:5173'],
      webhookUrl: 'https://chat.example.com/hooks/abc',
      retentionDays: 7,
      reportsPerMinute: 0,
      trustProxy: true,
    })
  })

  it('names every bad variable in one error', () => {
    let caught: unknown
    try {
      readReportsConfig({
        STARTUP_HELP_ALLOWED_ORIGINS: 'crm.example.com,https://ok.example.com/path',
        STARTUP_HELP_WEBHOOK_URL: 'ftp://files.example.com',
        STARTUP_HELP_REPORT_RETENTION_DAYS: '0',
        STARTUP_HELP_REPORTS_PER_MINUTE: 'lots',
        STARTUP_HELP_TRUST_PROXY: 'maybe',
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ReportsConfigError)
    const problems = (caught as ReportsConfigError).problems
    expect(problems).toHaveLength(6)
    expect(problems[0]).toMatch(/^STARTUP_HELP_ALLOWED_ORIGINS: "crm.example.com"/)
    expect(problems[1]).toMatch(/^STARTUP_HELP_ALLOWED_ORIGINS: "https:\/\/ok.example.com\/path"/)
    expect(problems[2]).toMatch(/^STARTUP_HELP_WEBHOOK_URL/)
    expect(problems[3]).toMatch(
      /^STARTUP_HELP_REPORT_RETENTION_DAYS: "0" must be a whole number from 1/,
    )
    expect(problems[4]).toMatch(/^STARTUP_HELP_REPORTS_PER_MINUTE/)
    expect(problems[5]).toMatch(/^STARTUP_HELP_TRUST_PROXY/)
    expect((caught as Error).message).toContain('invalid report settings')
  })
})
