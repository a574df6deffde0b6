import * as z from 'zod/mini'
import { APP_ID_PATTERN, LANG_PATTERN } from './status-url.js'

export { APP_ID_PATTERN, LANG_PATTERN }

/** URL schemes a status document or report may carry; anything else (javascript:, data:, …) is refused. */
export const ALLOWED_URL_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'] as const

/**
 * True when `value` is an absolute URL whose scheme is allowlisted.
 *
 * @example
 * isAllowedUrl('https://wiki.example.com/help') // true
 * isAllowedUrl('javascript:alert(1)')           // false
 */
export function isAllowedUrl(value: string): boolean {
  try {
    return (ALLOWED_URL_SCHEMES as readonly string[]).includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** The longest text (help text, message) a document may carry; a page is not a wiki. */
export const MAX_TEXT_LENGTH = 4000

export const appIdSchema = z.string().check(
  z.regex(APP_ID_PATTERN, {
    error: 'app id must match ^[a-z0-9][a-z0-9_-]{0,63}$ (lower-case letters, digits, _ and -)',
  }),
)

export const langSchema = z
  .string()
  .check(z.regex(LANG_PATTERN, { error: 'language must be a tag like "en", "ru" or "pt-BR"' }))

/**
 * Plain text (never HTML) of at most `maxLength` characters: a string, or a map language → string.
 *
 * @example
 * const titleSchema = localizedText(200)
 * titleSchema.parse({ en: 'Maintenance', ru: 'Обслуживание' })
 */
export function localizedText(maxLength: number) {
  const plainText = z
    .string()
    .check(z.maxLength(maxLength, { error: `text is longer than ${maxLength} characters` }))
  return z.union([plainText, z.record(langSchema, plainText)], {
    error: 'must be a string or an object of language → string, e.g. {"en": "…", "ru": "…"}',
  })
}

/** Plain text (never HTML): a string, or a map language → string. */
export const localizedTextSchema = localizedText(MAX_TEXT_LENGTH)

export const safeUrlSchema = z.string().check(
  z.maxLength(2048, { error: 'URL is longer than 2048 characters' }),
  z.refine(isAllowedUrl, {
    error: 'must be an absolute URL with https:, http:, mailto: or tel:',
  }),
)

/** ISO 8601 date-time with a zone (`Z` or `+03:00`), so an instant never depends on the server's zone. */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-11-22T14:00:00+03:00',
})

export const SEVERITIES = ['info', 'maintenance', 'degraded', 'outage'] as const
export type Severity = (typeof SEVERITIES)[number]
export const severitySchema = z.enum(SEVERITIES, {
  error: 'must be one of info, maintenance, degraded, outage',
})

export type LocalizedText = z.infer<typeof localizedTextSchema>
