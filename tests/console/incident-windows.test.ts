import { describe, expect, it } from 'vitest'
import { incidentWindows } from '../../server/console/reports/incident-windows.js'
import type { DocumentVersion } from '../../server/storage/status-document-storage.js'

const at = (time: string) => Date.parse(`2026-11-22T${time}:00Z`)
const range = { app: null, sinceMs: at('00:00'), untilMs: at('23:00') }

function version(
  document: unknown,
  fields: { savedAt?: string; replacedAt?: string; current?: boolean } = {},
): DocumentVersion {
  return {
    id: fields.current ? 'current' : `v-${fields.replacedAt ?? 'x'}`,
    savedAt: fields.savedAt ?? null,
    savedBy: null,
    replacedAt: fields.current ? null : (fields.replacedAt ?? null),
    etag: 'e',
    text: JSON.stringify(document),
    current: fields.current ?? false,
  }
}

describe('incident windows for the reports chart', () => {
  it('merges the saves of one incident and cuts a replaced version at its replacement', () => {
    const outage = { userMessage: 'Down', severity: 'outage', startsAt: '2026-11-22T09:00:00Z' }
    const windows = incidentWindows(
      [
        version({}, { current: true, savedAt: '2026-11-22T11:00:00Z' }),
        version(
          { ...outage, expires: '2026-11-22T14:00:00Z' },
          { savedAt: '2026-11-22T10:00:00Z', replacedAt: '2026-11-22T11:00:00Z' },
        ),
        version(outage, { savedAt: '2026-11-22T09:00:00Z', replacedAt: '2026-11-22T10:00:00Z' }),
      ],
      range,
    )
    expect(windows).toEqual([
      { startMs: at('09:00'), endMs: at('11:00'), severity: 'outage', app: null },
    ])
  })

  it('takes notices, defaults (info, start at the save), the filtered app only, and clips', () => {
    const document = {
      userMessage: 'Heads up',
      messages: [
        {
          id: 'db',
          severity: 'maintenance',
          publishAt: '2026-11-21T09:00:00Z',
          startsAt: '2026-11-22T20:00:00Z',
          expires: '2026-11-23T02:00:00Z',
          body: 'DB',
        },
      ],
      apps: {
        crm: { userMessage: 'CRM slow', severity: 'degraded', expires: '2026-11-22T13:00:00Z' },
        mail: { userMessage: 'Mail down', severity: 'outage' },
      },
    }
    const current = [version(document, { current: true, savedAt: '2026-11-22T12:00:00Z' })]
    expect(incidentWindows(current, { ...range, app: 'crm' })).toEqual([
      { startMs: at('12:00'), endMs: at('13:00'), severity: 'degraded', app: 'crm' },
      { startMs: at('12:00'), endMs: at('23:00'), severity: 'info', app: null },
      { startMs: at('20:00'), endMs: at('23:00'), severity: 'maintenance', app: null },
    ])
    expect(incidentWindows(current, range).map((window) => window.app)).toEqual([
      'crm',
      null,
      'mail',
      null,
    ])
  })

  it('skips versions that do not parse and windows outside the range', () => {
    const broken = { ...version({}), text: '{ nope' }
    const old = version(
      { userMessage: 'Old', startsAt: '2026-11-20T09:00:00Z', expires: '2026-11-20T10:00:00Z' },
      { current: true },
    )
    expect(incidentWindows([old, broken], range)).toEqual([])
  })
})
