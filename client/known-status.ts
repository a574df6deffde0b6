import type { KnownStatus } from '../formats/help-model.js'
import { resolvedStatusSchema } from '../formats/resolved-status.js'
import { KNOWN_STATUS_KEY, recall } from './page-memory.js'

/**
 * The status `registerStartupHelp` (or the banner) last read, validated: storage is not trusted
 * blindly. `null` when there is none or it does not parse.
 *
 * @example
 * knownStatus()?.status.messages
 */
export function knownStatus(): KnownStatus | null {
  try {
    const raw = JSON.parse(recall(KNOWN_STATUS_KEY) ?? 'null') as {
      status?: unknown
      receivedAt?: unknown
    } | null
    const parsed = resolvedStatusSchema.safeParse(raw?.status)
    const receivedAt = validInstant(typeof raw?.receivedAt === 'string' ? raw.receivedAt : null)
    return parsed.success && receivedAt ? { status: parsed.data, receivedAt } : null
  } catch {
    return null
  }
}

/**
 * `value` when it is a date-time the browser can read, else `null`.
 *
 * @example
 * validInstant('2026-11-22T09:00:00Z') // '2026-11-22T09:00:00Z'
 */
export function validInstant(value: string | null): string | null {
  return value !== null && Number.isFinite(Date.parse(value)) ? value : null
}
