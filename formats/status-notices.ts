import * as z from 'zod/mini'
import { instantSchema, localizedText, MAX_TEXT_LENGTH, severitySchema } from './primitives.js'

const about = (text: string) => z.describe(text)

/** More notices than this at one level is a status page, not a notice board; the answer stays small. */
export const MAX_NOTICES = 20
/** A title is one line in a banner. */
export const MAX_NOTICE_TITLE_LENGTH = 200
/**
 * Notice ids: lower-case, so the single `userMessage` (resolved as id `userMessage`) can never
 * collide with one.
 */
export const NOTICE_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/

const toMs = (value: string | undefined) => (value === undefined ? null : Date.parse(value))

/**
 * One notice of the `messages` list: its own severity, publish time, window, title and body.
 *
 * @example
 * noticeSchema.parse({ id: 'db-upgrade', severity: 'maintenance', publishAt: '2026-11-20T09:00:00Z',
 *   startsAt: '2026-11-22T12:00:00Z', expires: '2026-11-22T14:00:00Z',
 *   title: { en: 'Database upgrade' }, body: { en: 'CRM is read-only from 12:00 to 14:00.' } })
 */
export const noticeSchema = z
  .strictObject({
    id: z.string().check(
      z.regex(NOTICE_ID_PATTERN, {
        error:
          'id must match ^[a-z0-9][a-z0-9_.-]{0,63}$ (lower-case letters, digits, _ . and -), e.g. "db-upgrade-2026-11"',
      }),
      about(
        'Stable id of this notice: users who dismiss the banner dismiss it by id, so keep it while you edit the text (a changed text shows again anyway).',
      ),
    ),
    severity: severitySchema.check(about('info | maintenance | degraded | outage (required).')),
    publishAt: z.optional(
      instantSchema.check(
        about(
          'When users start seeing the notice as upcoming, before startsAt (ISO 8601 with a zone). Default: now.',
        ),
      ),
    ),
    startsAt: z.optional(
      instantSchema.check(
        about(
          'When the notice becomes active (ISO 8601 with a zone). Default: as soon as it is published.',
        ),
      ),
    ),
    expires: z.optional(
      instantSchema.check(
        about(
          'When the notice stops showing (ISO 8601 with a zone), e.g. 2026-11-22T14:00:00+03:00.',
        ),
      ),
    ),
    title: z.optional(
      localizedText(MAX_NOTICE_TITLE_LENGTH).check(
        about(
          `A short title (at most ${MAX_NOTICE_TITLE_LENGTH} characters): plain text or a language map like userMessage.`,
        ),
      ),
    ),
    body: localizedText(MAX_TEXT_LENGTH).check(
      about(
        `The notice itself (at most ${MAX_TEXT_LENGTH} characters, never HTML): plain text or a language map like userMessage.`,
      ),
    ),
  })
  .check(
    z.refine(
      (notice) => {
        const start = toMs(notice.startsAt)
        const end = toMs(notice.expires)
        return start === null || end === null || start < end
      },
      { error: 'startsAt must be before expires', path: ['expires'] },
    ),
    z.refine(
      (notice) => {
        const publish = toMs(notice.publishAt)
        const start = toMs(notice.startsAt)
        return publish === null || start === null || publish <= start
      },
      { error: 'publishAt must be at or before startsAt', path: ['publishAt'] },
    ),
    z.refine(
      (notice) => {
        const publish = toMs(notice.publishAt)
        const end = toMs(notice.expires)
        return publish === null || end === null || publish < end
      },
      { error: 'publishAt must be before expires', path: ['publishAt'] },
    ),
  )

/**
 * The `messages` list: bounded, ids unique within the list.
 *
 * @example
 * noticesSchema.safeParse([{ id: 'a', severity: 'info', body: 'x' }, { id: 'a', severity: 'info', body: 'y' }]).success // false
 */
export const noticesSchema = z.array(noticeSchema).check(
  z.maxLength(MAX_NOTICES, { error: `must list at most ${MAX_NOTICES} messages` }),
  z.superRefine((notices, ctx) => {
    const seen = new Set<string>()
    notices.forEach((notice, index) => {
      if (seen.has(notice.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `id "${notice.id}" is used twice: each message needs its own id`,
          path: [index, 'id'],
          input: notice.id,
        })
      }
      seen.add(notice.id)
    })
  }),
  about(
    'Several notices at once (an outage now, a maintenance next week), each with its own id, severity, publish time, window, title and body. Top-level notices show for every app; an app adds its own, and one with the same id replaces the top-level one for that app. userMessage stays valid as the shorthand for one notice.',
  ),
)

export type Notice = z.infer<typeof noticeSchema>
