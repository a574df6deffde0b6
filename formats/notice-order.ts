import { SEVERITIES, type Severity } from './primitives.js'

/** What ordering needs of a notice: its severity and its window. */
export interface NoticeWindow {
  severity: Severity | null
  startsAt: string | null
  expires: string | null
}

export type NoticeState = 'active' | 'upcoming'

/** Higher is more severe; a notice without a severity ranks below `info`. */
function rank(severity: Severity | null): number {
  return severity === null ? -1 : SEVERITIES.indexOf(severity)
}

const startOf = (notice: NoticeWindow) =>
  notice.startsAt === null ? Number.NEGATIVE_INFINITY : Date.parse(notice.startsAt)

/**
 * The notices still to show at `nowMs`, each marked active or upcoming: active ones first, most
 * severe first (ties keep the document's order), then upcoming ones by start (ties: most severe
 * first). Ended ones are dropped. The one rule for the server's answer and the browser's re-check
 * on its own clock, so both agree on what comes first.
 *
 * @example
 * arrangeNotices([{ severity: 'info', startsAt: null, expires: null }], Date.now())
 * // [{ severity: 'info', startsAt: null, expires: null, state: 'active' }]
 */
export function arrangeNotices<T extends NoticeWindow>(
  notices: readonly T[],
  nowMs: number,
): Array<T & { state: NoticeState }> {
  const live = notices
    .filter((notice) => notice.expires === null || nowMs < Date.parse(notice.expires))
    .map((notice) => ({
      ...notice,
      state: (startOf(notice) <= nowMs ? 'active' : 'upcoming') as NoticeState,
    }))
  const active = live
    .filter((notice) => notice.state === 'active')
    .sort((a, b) => rank(b.severity) - rank(a.severity))
  const upcoming = live
    .filter((notice) => notice.state === 'upcoming')
    .sort((a, b) => startOf(a) - startOf(b) || rank(b.severity) - rank(a.severity))
  return [...active, ...upcoming]
}

/**
 * A notice as one text, for the single `message` old workers read: the title on its own line
 * above the body.
 *
 * @example
 * noticeText({ title: 'Database upgrade', body: 'Read-only until 14:00' }) // 'Database upgrade\nRead-only until 14:00'
 */
export function noticeText(notice: { title: string | null; body: string }): string {
  return notice.title === null ? notice.body : `${notice.title}\n${notice.body}`
}
