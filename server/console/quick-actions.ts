import type { JSONPath } from 'jsonc-parser'
import { parseStatusText } from '../status/parse-status-file.js'
import { setJsonValue } from './json-edit.js'
import { scopeFields } from './status-form.js'
import { isoInZone } from './zoned-time.js'

/** "Extend by 30 min" adds this much to each showing message's end. */
export const EXTEND_BY_MS = 30 * 60 * 1000

interface Window {
  path: JSONPath
  startsMs: number
  expiresMs: number | null
}

const ms = (value: string | undefined) => (value === undefined ? null : Date.parse(value))

/**
 * The one-click incident actions on a scope's messages that show now (the single message and
 * each active notice): `end` sets their end to now, `extend` moves each end 30 minutes later.
 * Answers the new document text, or `null` when nothing shows (nothing to change). Applied to
 * the current text inside the storage's compare-and-swap, so it never undoes a colleague's save.
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
  const fields = scopeFields(parsed.document, app)
  const base: JSONPath = app === null ? [] : ['apps', app]
  const windows: Window[] = []
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
  const targets = action === 'end' ? showing : showing.filter((window) => window.expiresMs !== null)
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
