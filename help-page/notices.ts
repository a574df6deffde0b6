import { correctedNow, type KnownStatus, visibleNotices } from '../formats/help-model.js'
import type { Severity } from '../formats/primitives.js'
import { format, type Strings } from './strings.js'

/** One notice as every surface (help page, panel, banner) words it; all plain text. */
export interface NoticeView {
  id: string
  state: 'active' | 'upcoming'
  severity: Severity | null
  /** "Maintenance", "Outage"… in the page's language; `null` without a severity. */
  severityLabel: string | null
  title: string | null
  body: string
  /** "From 14:00" for an upcoming notice; `null` for an active one. */
  when: string | null
  /** Changes whenever what the user reads changes, so a dismissed notice that is edited shows again. */
  fingerprint: string
}

/**
 * The notices to show now, worded in `lang`: active ones first (the first is the most severe),
 * then upcoming ones with their start time in the user's zone.
 *
 * @example
 * const [first, ...others] = noticeViews(model.known, strings, 'en', Date.now())
 */
export function noticeViews(
  known: KnownStatus | null,
  t: Strings,
  lang: string,
  nowMs: number,
): NoticeView[] {
  const now = known ? correctedNow(known, nowMs) : nowMs
  return visibleNotices(known, nowMs).map((notice) => ({
    id: notice.id,
    state: notice.state,
    severity: notice.severity,
    severityLabel: notice.severity ? t[`severity_${notice.severity}`] : null,
    title: notice.title,
    body: notice.body,
    when:
      notice.state === 'upcoming' && notice.startsAt
        ? format(t.notice_starts, { time: timeText(notice.startsAt, lang, now) })
        : null,
    fingerprint: fingerprintOf([
      notice.severity,
      notice.title,
      notice.body,
      notice.startsAt,
      notice.expires,
    ]),
  }))
}

/**
 * The notices the help page and the in-page panel show at a failed login: only those in effect
 * now, most severe first. What is announced for later belongs to the banner in the healthy app;
 * at a failed login it would read as the cause.
 *
 * @example
 * const [first, ...others] = helpPageNotices(model.known, strings, 'en', Date.now())
 */
export function helpPageNotices(
  known: KnownStatus | null,
  t: Strings,
  lang: string,
  nowMs: number,
): NoticeView[] {
  return noticeViews(known, t, lang, nowMs).filter((notice) => notice.state === 'active')
}

/** The time, with the date when it is not today (the device's zone). */
function timeText(iso: string, lang: string, nowMs: number): string {
  const at = new Date(iso)
  const sameDay = at.toDateString() === new Date(nowMs).toDateString()
  return new Intl.DateTimeFormat(lang, {
    ...(sameDay ? {} : { day: 'numeric', month: 'long' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(at)
}

/** FNV-1a of the JSON: short and stable; not a security measure, only "did it change". */
function fingerprintOf(parts: unknown[]): string {
  let hash = 0x811c9dc5
  for (const char of JSON.stringify(parts)) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}
