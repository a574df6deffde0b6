import { arrangeNotices, noticeText } from '../../formats/notice-order.js'
import type { LocalizedText, Severity } from '../../formats/primitives.js'
import type { ResolvedMessage, ResolvedNotice } from '../../formats/resolved-status.js'
import type { StatusDocument } from '../../formats/status-document.js'
import type { Notice } from '../../formats/status-notices.js'
import { effectiveFields, pickLanguage } from './effective-fields.js'

/** The id the single `userMessage` shorthand gets in the answer's `messages` (no list id can be it). */
export const SHORTHAND_NOTICE_ID = 'userMessage'

/** A notice as the document states it, whichever way it was written. */
interface DocumentNotice {
  id: string
  severity: Severity | null
  publishAt: string | null
  startsAt: string | null
  expires: string | null
  title: LocalizedText | undefined
  body: LocalizedText
}

const fromList = (notice: Notice): DocumentNotice => ({
  id: notice.id,
  severity: notice.severity,
  publishAt: notice.publishAt ?? null,
  startsAt: notice.startsAt ?? null,
  expires: notice.expires ?? null,
  title: notice.title,
  body: notice.body,
})

/**
 * The notices that apply to `app`: the single `userMessage` (its fields resolved top level then
 * app, as always), then the top-level `messages`, then the app's own; an app notice with a
 * top-level notice's id takes its place for that app.
 *
 * @example
 * documentNotices({ userMessage: 'Upgrade', messages: [{ id: 'a', severity: 'info', body: 'x' }] }, null).length // 2
 */
export function documentNotices(document: StatusDocument, app: string | null): DocumentNotice[] {
  const fields = effectiveFields(document, app)
  const notices: DocumentNotice[] = []
  if (fields.userMessage !== undefined) {
    notices.push({
      id: SHORTHAND_NOTICE_ID,
      severity: fields.severity ?? null,
      publishAt: null,
      startsAt: fields.startsAt ?? null,
      expires: fields.expires ?? null,
      title: undefined,
      body: fields.userMessage,
    })
  }
  const list = (document.messages ?? []).map(fromList)
  const own = app === null ? [] : (document.apps?.[app]?.messages ?? []).map(fromList)
  for (const notice of own) {
    const index = list.findIndex((top) => top.id === notice.id)
    if (index === -1) list.push(notice)
    else list[index] = notice
  }
  return [...notices, ...list]
}

/**
 * The answer's `messages`: published, not ended and not empty in `lang`, ordered by
 * `arrangeNotices` (active, most severe first; then upcoming by start).
 *
 * @example
 * resolveNotices(document, { app: 'crm', lang: 'ru', now: Date.now() })[0]?.state // 'active'
 */
export function resolveNotices(
  document: StatusDocument,
  query: { app: string | null; lang: string; now: number },
): ResolvedNotice[] {
  const published: Omit<ResolvedNotice, 'state'>[] = []
  for (const notice of documentNotices(document, query.app)) {
    if (notice.publishAt !== null && Date.parse(notice.publishAt) > query.now) continue
    const body = pickLanguage(notice.body, query.lang)
    if (!body || body.trim() === '') continue
    const title = pickLanguage(notice.title, query.lang)
    published.push({
      id: notice.id,
      severity: notice.severity,
      title: title && title.trim() !== '' ? title : null,
      body,
      startsAt: notice.startsAt,
      expires: notice.expires,
    })
  }
  return arrangeNotices(published, query.now)
}

/**
 * The answer's single `message`, for old workers and the help page: the first notice (the most
 * severe active one, else the next to start), title and body as one text. For a document with only
 * `userMessage` this is exactly the message it always was.
 *
 * @example
 * singleMessage(resolveNotices(document, query))?.text
 */
export function singleMessage(notices: readonly ResolvedNotice[]): ResolvedMessage | null {
  const first = notices[0]
  if (!first) return null
  return {
    text: noticeText(first),
    severity: first.severity,
    startsAt: first.startsAt,
    expires: first.expires,
  }
}

/**
 * Every instant after `now` at which a notice for `app` is published, starts or ends, earliest
 * first is what caches need: the answer changes by itself then.
 *
 * @example
 * nextNoticeTransition(document, 'crm', Date.now()) // e.g. 1795345200000, or null
 */
export function nextNoticeTransition(
  document: StatusDocument,
  app: string | null,
  now: number,
): number | null {
  let next: number | null = null
  for (const notice of documentNotices(document, app)) {
    for (const instant of [notice.publishAt, notice.startsAt, notice.expires]) {
      if (instant === null) continue
      const ms = Date.parse(instant)
      if (ms > now && (next === null || ms < next)) next = ms
    }
  }
  return next
}
