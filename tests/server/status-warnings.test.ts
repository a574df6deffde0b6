import { describe, expect, it } from 'vitest'
import { statusWarnings } from '../../server/status/warnings.js'

const NOW = Date.parse('2026-11-22T10:00:00Z')

describe('status warnings for the messages list', () => {
  it('warns about a notice with no end and one already ended, at the top level and per app', () => {
    expect(
      statusWarnings(
        {
          messages: [
            { id: 'forever', severity: 'info', body: 'x' },
            { id: 'ok', severity: 'info', body: 'x', expires: '2026-11-22T11:00:00Z' },
          ],
          apps: {
            crm: {
              messages: [
                { id: 'old', severity: 'outage', body: 'x', expires: '2026-11-22T09:00:00Z' },
              ],
            },
          },
        },
        NOW,
      ),
    ).toEqual([
      'messages "forever" has no "expires": it shows until someone removes it',
      'apps.crm.messages "old" ended at 2026-11-22T09:00:00Z: it is no longer shown',
    ])
  })
})
