/**
 * What the page remembers between visits in localStorage, for the in-page dialog: the last
 * status read and the last successful load. Storage may be off (private modes, policies):
 * every access is guarded and simply remembers nothing then.
 */
export const KNOWN_STATUS_KEY = 'startup-help:status'
export const LAST_LOAD_KEY = 'startup-help:last-load'

/**
 * Reads a stored value, `null` when absent or storage is unavailable.
 *
 * @example
 * recall(LAST_LOAD_KEY) // '2026-11-22T09:00:00.000Z'
 */
export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/**
 * Stores a value; silently does nothing when storage is unavailable.
 *
 * @example
 * remember(LAST_LOAD_KEY, new Date().toISOString())
 */
export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Storage full or disabled: the dialog then works from the defaults alone.
  }
}
