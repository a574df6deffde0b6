import { arrangeNotices, type NoticeState, noticeText } from './notice-order.js'
import type { Failure } from './report.js'
import type { ResolvedMessage, ResolvedNotice, ResolvedStatus } from './resolved-status.js'

/** The last status the browser read, with the device time it arrived at (for clock correction). */
export interface KnownStatus {
  status: ResolvedStatus
  /** Device clock (ISO) when the answer arrived; `status.serverTime` minus this is the skew. */
  receivedAt: string
}

/** Defaults the developer passed to `registerStartupHelp`, like 1C's StartupErrorHelpText/URL. */
export interface HelpDefaults {
  app: string | null
  /** The app's name as users know it ("CRM"), for the page's title; without it: "the service". */
  appName?: string | null
  appVersion: string | null
  helpText: string | null
  helpUrl: string | null
  /** Where reports go and where the status is read: the status service's origin. */
  statusUrl: string | null
  /** Preferred language; `null` means the browser's. */
  lang: string | null
  /** Per-language string overrides: `{ en: { title_offline: '…' } }`. */
  strings: Record<string, Record<string, string>>
}

/**
 * Everything the one help UI needs to render, whoever shows it: the service worker's page, the
 * in-page dialog or the server's `/help`. Plain data, JSON-safe, so it can be embedded in a page.
 */
export interface HelpModel {
  failure: Failure | null
  known: KnownStatus | null
  defaults: HelpDefaults
  /** Seconds from the failing answer's `Retry-After`, if it had one. */
  retryAfterSeconds: number | null
  lastSuccessfulLoad: string | null
  serviceWorkerState: 'controlling' | 'installed' | 'none' | 'unsupported'
  /** Where "Try again" goes: the URL that failed, or the current page. */
  retryUrl: string
}

/**
 * The device clock corrected by the skew seen when the status was read, so a message window set on
 * the server opens and closes on the server's time even if the device clock is off.
 *
 * @example
 * correctedNow(known, Date.now()) // ms since epoch, on the server's clock
 */
export function correctedNow(known: KnownStatus, deviceNowMs: number): number {
  const skew = Date.parse(known.status.serverTime) - Date.parse(known.receivedAt)
  return deviceNowMs + (Number.isFinite(skew) ? skew : 0)
}

/**
 * True while `startsAt <= now < expires` (a missing bound is open).
 *
 * @example
 * isMessageActive({ text: 'x', severity: null, startsAt: null, expires: '2026-11-22T14:00:00Z' }, Date.parse('2026-11-22T13:59:59Z')) // true
 */
export function isMessageActive(message: ResolvedMessage, nowMs: number): boolean {
  const starts = message.startsAt === null ? -Infinity : Date.parse(message.startsAt)
  const ends = message.expires === null ? Infinity : Date.parse(message.expires)
  return starts <= nowMs && nowMs < ends
}

/** A notice as the browser shows it: `state` re-checked on the corrected clock. */
export type VisibleNotice = ResolvedNotice & { state: NoticeState }

/**
 * The notices of the last known status still to show now, on the server's clock: active ones
 * first (most severe first), then upcoming ones by start. A status saved before answers carried
 * `messages` gives its single `message`.
 *
 * @example
 * visibleNotices(known, Date.now()).filter((notice) => notice.state === 'active')
 */
export function visibleNotices(known: KnownStatus | null, deviceNowMs: number): VisibleNotice[] {
  if (!known) return []
  const { message, messages } = known.status
  const notices: ResolvedNotice[] =
    messages ??
    (message
      ? [
          {
            id: 'userMessage',
            severity: message.severity,
            state: 'active',
            title: null,
            body: message.text,
            startsAt: message.startsAt,
            expires: message.expires,
          },
        ]
      : [])
  return arrangeNotices(notices, correctedNow(known, deviceNowMs))
}

/**
 * The message to show now from the last known status (the most severe active notice, title and
 * body as one text), or `null` when there is none in its window.
 *
 * @example
 * visibleMessage(known, Date.now())?.text
 */
export function visibleMessage(
  known: KnownStatus | null,
  deviceNowMs: number,
): ResolvedMessage | null {
  const first = visibleNotices(known, deviceNowMs)[0]
  if (first?.state !== 'active') return null
  return {
    text: noticeText(first),
    severity: first.severity,
    startsAt: first.startsAt,
    expires: first.expires,
  }
}
