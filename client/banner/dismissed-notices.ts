import { recall, remember } from '../page-memory.js'

/** localStorage key: notice id → fingerprint of the text the user dismissed. */
export const DISMISSED_NOTICES_KEY = 'startup-help:dismissed-notices'

type Dismissed = Record<string, string>

function read(): Dismissed {
  try {
    const value = JSON.parse(recall(DISMISSED_NOTICES_KEY) ?? '{}') as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Dismissed)
      : {}
  } catch {
    return {}
  }
}

/**
 * True when the user dismissed this very notice: same id and same text. An edited notice has
 * another fingerprint and shows again.
 *
 * @example
 * isDismissed({ id: 'db-upgrade', fingerprint: 'k3x9' })
 */
export function isDismissed(notice: { id: string; fingerprint: string }): boolean {
  return read()[notice.id] === notice.fingerprint
}

/**
 * Remembers a dismissal. Only ids still among `current` are kept, so the list never grows
 * beyond the notices on show.
 *
 * @example
 * dismiss({ id: 'db-upgrade', fingerprint: 'k3x9' }, ['db-upgrade', 'mail-down'])
 */
export function dismiss(
  notice: { id: string; fingerprint: string },
  current: readonly string[],
): void {
  const kept: Dismissed = {}
  for (const [id, fingerprint] of Object.entries(read())) {
    if (current.includes(id)) kept[id] = fingerprint
  }
  kept[notice.id] = notice.fingerprint
  remember(DISMISSED_NOTICES_KEY, JSON.stringify(kept))
}
