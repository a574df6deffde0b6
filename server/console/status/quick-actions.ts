import type { JSONPath } from 'jsonc-parser'
import type { StatusDocument } from '../../../formats/status-document.js'
import { parseStatusText } from '../../status/parse-status-file.js'
import { isoInZone } from '../ui/zoned-time.js'
import { setJsonValue } from './json-edit.js'
import { scopeFields } from './status-form.js'

/** "Extend by 30 min" adds this much to each showing message's end. */
export const EXTEND_BY_MS = 30 * 60 * 1000

/** A message or notice of a scope: where it is in the document, and its window. */
export interface MessageWindow {
  path: JSONPath
  startsMs: number
  expiresMs: number | null
}

const ms = (value: string | undefined) => (value === undefined ? null : Date.parse(value))

/**
 * The windows End or Extend would change in a scope now: every message that shows (the single
 * message and each active notice) for `end`; those of them with an end for `extend`.
 *
 * @example
 * showingWindows(document, 'crm', 'end', Date.now()).length > 0 // "End incident now" is offered
 */
export function showingWindows(
  document: StatusDocument,
  app: string | null,
  action: 'end' | 'extend',
  nowMs: number,
): MessageWindow[] {
  const fields = scopeFields(document, app)
  const base: JSONPath = app === null ? [] : ['apps', app]
  const windows: MessageWindow[] = []
  if (fields.userMessage !== undefined) {
    windows.push({
      path: [...base],
      startsMs: ms(fields.startsAt) ?? -Infinity,
      expiresMs: ms(fields.expires),
    })
  }
  ;(fields.messages ?? []).forEach((notice, index) => {
    windows.push({
      path: [...base, 'messages', index],
      startsMs: ms(notice.startsAt) ?? ms(notice.publishAt) ?? -Infinity,
      expiresMs: ms(notice.expires),
    })
  })
  const showing = windows.filter(
    (window) => window.startsMs <= nowMs && (window.expiresMs === null || nowMs < window.expiresMs),
  )
  return action === 'end' ? showing : showing.filter((window) => window.expiresMs !== null)
}

/**
 * The one-click incident actions on {@link showingWindows}: `end` sets their end to now, `extend`
 * moves each end 30 minutes later. Answers the new document text, or `null` when nothing shows
 * (nothing to change). Applied to the current text inside the storage's compare-and-swap, so it
 * never undoes a colleague's save.
 *
 * @example
 * endOrExtend(text, 'crm', 'end', Date.now(), 'Europe/Moscow') // text with expires = now
 */
export function endOrExtend(
  text: string,
  app: string | null,
  action: 'end' | 'extend',
  nowMs: number,
  zone: string,
): string | null {
  const parsed = parseStatusText(text)
  if (!parsed.ok) return null
  const targets = showingWindows(parsed.document, app, action, nowMs)
  if (targets.length === 0) return null
  let next = text
  for (const window of targets) {
    // An end must come after the start: a message that started this very millisecond ends one later.
    const endMs =
      action === 'end'
        ? Math.max(nowMs, Number.isFinite(window.startsMs) ? window.startsMs + 1 : nowMs)
        : (window.expiresMs as number) + EXTEND_BY_MS
    next = setJsonValue(next, [...window.path, 'expires'], isoInZone(endMs, zone))
  }
  return next
}
