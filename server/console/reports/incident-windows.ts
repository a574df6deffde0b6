import type { StatusDocument } from '../../../formats/status-document.js'
import { parseStatusText } from '../../status/parse-status-file.js'
import type { DocumentVersion } from '../../storage/status-document-storage.js'

/** A time the status told users about an incident: [startMs, endMs), its severity, whose. */
export interface IncidentWindow {
  startMs: number
  endMs: number
  severity: string
  /** null: the top-level message (every app). */
  app: string | null
}

type Fields = Pick<StatusDocument, 'userMessage' | 'messages' | 'severity' | 'startsAt' | 'expires'>

const ms = (iso: string | undefined) => {
  const value = iso === undefined ? Number.NaN : Date.parse(iso)
  return Number.isNaN(value) ? null : value
}

/**
 * The incident windows every saved version of the status announced, for the reports chart:
 * the message (`userMessage` with severity, startsAt, expires) and each notice of `messages`,
 * top-level and, for `app`, that app's (with `app` null: every app's). A version only speaks
 * until it was replaced, so a window is cut at its `replacedAt` (an incident ended early, a
 * maintenance cancelled); a window with no start starts when its version became current.
 * Windows are clipped to [sinceMs, untilMs), and overlapping ones of one severity and app are
 * merged, since each save of the same incident repeats it.
 *
 * @example
 * incidentWindows(await statusStorage.versions(), { app: 'crm', sinceMs, untilMs })
 * // [{ startMs: …, endMs: …, severity: 'outage', app: null }]
 */
export function incidentWindows(
  versions: readonly DocumentVersion[],
  range: { app: string | null; sinceMs: number; untilMs: number },
): IncidentWindow[] {
  const found: IncidentWindow[] = []
  versions.forEach((version, index) => {
    const parsed = parseStatusText(version.text)
    if (!parsed.ok) return
    const document = parsed.document
    // Newest first: the older neighbour was replaced when this version became current.
    const older = versions[index + 1]
    const from = ms(version.savedAt ?? undefined) ?? ms(older?.replacedAt ?? undefined)
    const until = version.current ? null : ms(version.replacedAt ?? undefined)
    const scopes: [string | null, Fields][] = [[null, document]]
    for (const [id, fields] of Object.entries(document.apps ?? {})) {
      if (range.app === null || range.app === id) scopes.push([id, fields])
    }
    for (const [app, fields] of scopes) {
      for (const window of windowsOf(fields, from)) {
        const startMs = Math.max(window.startMs ?? range.sinceMs, range.sinceMs)
        const endMs = Math.min(
          window.endMs ?? until ?? range.untilMs,
          until ?? Infinity,
          range.untilMs,
        )
        if (endMs > startMs) found.push({ startMs, endMs, severity: window.severity, app })
      }
    }
  })
  return merge(found)
}

/** The windows one scope's fields announce; null bounds are open. */
function windowsOf(fields: Fields, versionFrom: number | null) {
  const windows: { startMs: number | null; endMs: number | null; severity: string }[] = []
  if (fields.userMessage !== undefined) {
    windows.push({
      startMs: ms(fields.startsAt) ?? versionFrom,
      endMs: ms(fields.expires),
      severity: fields.severity ?? 'info',
    })
  }
  for (const notice of fields.messages ?? []) {
    windows.push({
      // A notice without startsAt is active once published; without publishAt, once saved.
      startMs: ms(notice.startsAt) ?? ms(notice.publishAt) ?? versionFrom,
      endMs: ms(notice.expires),
      severity: notice.severity,
    })
  }
  return windows
}

/** Overlapping (or touching) windows of one app and severity become one, sorted by start. */
function merge(windows: IncidentWindow[]): IncidentWindow[] {
  const sorted = [...windows].sort(
    (a, b) =>
      (a.app ?? '').localeCompare(b.app ?? '') ||
      a.severity.localeCompare(b.severity) ||
      a.startMs - b.startMs,
  )
  const merged: IncidentWindow[] = []
  for (const window of sorted) {
    const last = merged.at(-1)
    if (
      last &&
      last.app === window.app &&
      last.severity === window.severity &&
      window.startMs <= last.endMs
    ) {
      last.endMs = Math.max(last.endMs, window.endMs)
    } else {
      merged.push({ ...window })
    }
  }
  return merged.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)
}
