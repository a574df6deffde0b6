import { describe, expect, it } from 'vitest'
import { describeIssue, isAllowedUrl, statusDocumentSchema, visibleMessage } from './index.js'

describe('status document format', () => {
  it('accepts the SPEC example document', () => {
    const result = statusDocumentSchema.safeParse({
      $schema: './status.schema.json',
      helpText: 'Call the duty admin: +7 (495) 123-45-67',
      helpUrl: 'https://wiki.example.com/login-help',
      supportEmail: 'support@example.com',
      userMessage: { ru: 'Идёт обновление', en: 'Server upgrade in progress' },
      severity: 'maintenance',
      startsAt: '2026-11-22T12:00:00+03:00',
      expires: '2026-11-22T14:00:00+03:00',
      retryAfterSeconds: 60,
      apps: { crm: { helpUrl: 'https://wiki.example.com/crm-login', userMessage: 'CRM only' } },
    })
    expect(result.success).toBe(true)
  })

  it('names a misspelled field instead of ignoring it', () => {
    const result = statusDocumentSchema.safeParse({ expire: '2026-11-22T14:00:00Z' })
    expect(result.success).toBe(false)
    const lines = result.error?.issues.map(describeIssue) ?? []
    expect(lines).toContainEqual({
      path: '(top level)',
      message: expect.stringContaining('"expire"'),
    })
  })

  it('refuses a window that ends before it starts, naming expires', () => {
    const result = statusDocumentSchema.safeParse({
      startsAt: '2026-11-22T14:00:00Z',
      expires: '2026-11-22T12:00:00Z',
    })
    expect(result.error?.issues.map(describeIssue)).toEqual([
      { path: 'expires', message: 'startsAt must be before expires' },
    ])
  })

  it('allows only https, http, mailto and tel URLs', () => {
    expect(isAllowedUrl('https://x.example')).toBe(true)
    expect(isAllowedUrl('mailto:a@example.com')).toBe(true)
    expect(isAllowedUrl('tel:+74951234567')).toBe(true)
    expect(isAllowedUrl('javascript:alert(1)')).toBe(false)
    expect(isAllowedUrl('data:text/html,<b>x</b>')).toBe(false)
    expect(isAllowedUrl('/relative')).toBe(false)
  })
})

describe('visible message with clock correction', () => {
  const known = {
    receivedAt: '2026-11-22T10:00:00.000Z', // device clock was 1 hour behind the server
    status: {
      app: null,
      lang: 'en',
      helpText: null,
      helpUrl: null,
      supportEmail: null,
      retryAfterSeconds: null,
      disableServiceWorker: false,
      serverTime: '2026-11-22T11:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
      message: {
        text: 'Maintenance',
        severity: 'maintenance' as const,
        startsAt: '2026-11-22T12:00:00.000Z',
        expires: '2026-11-22T13:00:00.000Z',
      },
    },
  }

  it('shows an upcoming message once its start has passed on the server clock', () => {
    expect(visibleMessage(known, Date.parse('2026-11-22T10:59:59.999Z'))).toBeNull()
    expect(visibleMessage(known, Date.parse('2026-11-22T11:00:00.000Z'))?.text).toBe('Maintenance')
  })

  it('hides the message at the exact expiry instant', () => {
    expect(visibleMessage(known, Date.parse('2026-11-22T11:59:59.999Z'))?.text).toBe('Maintenance')
    expect(visibleMessage(known, Date.parse('2026-11-22T12:00:00.000Z'))).toBeNull()
  })
})

describe('field errors', () => {
  it('says a missing field is required and a wrong one what it must be', async () => {
    const { reportSchema } = await import('./report.js')
    const result = reportSchema.safeParse({ clientReportId: 42 }, { reportInput: true })
    const lines = result.error?.issues.map(describeIssue) ?? []
    expect(lines).toContainEqual({ path: 'clientReportId', message: 'must be string' })
    expect(lines).toContainEqual({ path: 'failure', message: 'is required' })
  })
})

describe('status request URL', () => {
  it('builds one URL for the page and the worker, refusing a tag the service would refuse', async () => {
    const { statusRequestUrl } = await import('./status-url.js')
    expect(statusRequestUrl('https://status.example.com/', 'crm', 'ru-RU')).toBe(
      'https://status.example.com/v1/status?app=crm&lang=ru-RU',
    )
    expect(statusRequestUrl('https://status.example.com', null, 'x<y')).toBe(
      'https://status.example.com/v1/status?lang=en',
    )
  })
})
