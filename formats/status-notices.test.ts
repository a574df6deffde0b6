import { describe, expect, it } from 'vitest'
import { describeIssue, MAX_NOTICES, statusDocumentSchema } from './index.js'

const issuesOf = (document: unknown) =>
  statusDocumentSchema
    .safeParse(document, { reportInput: true })
    .error?.issues.map(describeIssue) ?? []

const notice = {
  id: 'db-upgrade',
  severity: 'maintenance',
  publishAt: '2026-11-20T09:00:00Z',
  startsAt: '2026-11-22T12:00:00Z',
  expires: '2026-11-22T14:00:00Z',
  title: { en: 'Database upgrade', ru: 'Обновление базы' },
  body: { en: 'CRM is read-only from 12:00 to 14:00.', ru: 'CRM только для чтения.' },
}

describe('the messages list of the status document', () => {
  it('accepts notices at the top level and per app, next to the userMessage shorthand', () => {
    expect(
      issuesOf({
        userMessage: 'Old style message',
        messages: [notice, { id: 'outage', severity: 'outage', body: 'Mail is down' }],
        apps: { crm: { messages: [{ ...notice, id: 'crm-only' }] } },
      }),
    ).toEqual([])
  })

  it('refuses an end before the start, naming the notice and the field', () => {
    expect(issuesOf({ messages: [{ ...notice, expires: '2026-11-22T11:00:00Z' }] })).toEqual([
      { path: 'messages.0.expires', message: 'startsAt must be before expires' },
    ])
  })

  it('refuses a publish time after the start, and allows one exactly at the start', () => {
    expect(issuesOf({ messages: [{ ...notice, publishAt: '2026-11-22T12:00:01Z' }] })).toEqual([
      { path: 'messages.0.publishAt', message: 'publishAt must be at or before startsAt' },
    ])
    expect(issuesOf({ messages: [{ ...notice, publishAt: notice.startsAt }] })).toEqual([])
  })

  it('refuses a publish time at or after the end when there is no start', () => {
    const { startsAt: _startsAt, ...noStart } = notice
    expect(
      issuesOf({ messages: [{ ...noStart, publishAt: '2026-11-22T14:00:00Z' }] }),
    ).toContainEqual({ path: 'messages.0.publishAt', message: 'publishAt must be before expires' })
  })

  it('requires an id, a severity and a body, and refuses unknown fields', () => {
    expect(issuesOf({ apps: { crm: { messages: [{ title: 'x', endsAt: 'soon' }] } } })).toEqual([
      { path: 'apps.crm.messages.0.id', message: 'is required' },
      {
        path: 'apps.crm.messages.0.severity',
        message: 'must be one of info, maintenance, degraded, outage',
      },
      {
        path: 'apps.crm.messages.0.body',
        message: 'must be a string or an object of language → string, e.g. {"en": "…", "ru": "…"}',
      },
      { path: 'apps.crm.messages.0', message: 'unknown field "endsAt" (check the spelling)' },
    ])
  })

  it('refuses an id used twice in one list', () => {
    expect(
      issuesOf({
        messages: [
          { id: 'a', severity: 'info', body: 'one' },
          { id: 'a', severity: 'info', body: 'two' },
        ],
      }),
    ).toEqual([
      { path: 'messages.1.id', message: 'id "a" is used twice: each message needs its own id' },
    ])
  })

  it('refuses an id with capitals or spaces and a severity it does not know', () => {
    expect(issuesOf({ messages: [{ id: 'Has Spaces', severity: 'critical', body: 'x' }] })).toEqual(
      [
        { path: 'messages.0.id', message: expect.stringContaining('lower-case letters') },
        {
          path: 'messages.0.severity',
          message: 'must be one of info, maintenance, degraded, outage',
        },
      ],
    )
  })

  it('bounds the number of notices and the length of a title and a body', () => {
    const many = Array.from({ length: MAX_NOTICES + 1 }, (_, i) => ({
      id: `n${i}`,
      severity: 'info',
      body: 'x',
    }))
    expect(issuesOf({ messages: many })).toEqual([
      { path: 'messages', message: `must list at most ${MAX_NOTICES} messages` },
    ])
    expect(
      issuesOf({ messages: [{ id: 'a', severity: 'info', title: 'x'.repeat(201), body: 'x' }] }),
    ).toEqual([{ path: 'messages.0.title', message: expect.stringContaining('200') }])
    expect(
      issuesOf({ messages: [{ id: 'a', severity: 'info', body: { en: 'x'.repeat(4001) } }] }),
    ).toEqual([{ path: 'messages.0.body.en', message: 'text is longer than 4000 characters' }])
  })
})
