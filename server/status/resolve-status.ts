import type { LocalizedText, Severity } from '../../formats/primitives.js'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import type { AppOverride, StatusDocument } from '../../formats/status-document.js'

export interface ResolveQuery {
  app: string | null
  lang: string
  /** Milliseconds since epoch; injected so tests run on a fixed clock. */
  now: number
}

/**
 * Picks the text for `lang`: exact tag, then its base language (`pt-BR` → `pt`), then English,
 * then the first one written.
 *
 * @example
 * pickLanguage({ ru: 'Привет', en: 'Hello' }, 'ru-RU') // 'Привет'
 */
export function pickLanguage(text: LocalizedText | undefined, lang: string): string | null {
  if (text === undefined) return null
  if (typeof text === 'string') return text
  const base = lang.split('-')[0] ?? lang
  return text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? null
}

/**
 * The fields in force for `app`: top level, then the app's own fields on top, field by field.
 *
 * @example
 * effectiveFields({ helpUrl: 'https://a.example', apps: { crm: { helpUrl: 'https://b.example' } } }, 'crm').helpUrl
 * // 'https://b.example'
 */
export function effectiveFields(document: StatusDocument, app: string | null): AppOverride {
  const { apps, $schema: _schema, ...top } = document
  const own = app === null ? undefined : apps?.[app]
  return own ? { ...top, ...own } : top
}

const toMs = (value: string | undefined): number | null =>
  value === undefined ? null : Date.parse(value)

/**
 * The resolved status `GET /v1/status` serves: texts in one language and the message that is
 * active or still to come (with its window); a message whose `expires` has passed is dropped.
 *
 * @example
 * resolveStatus(document, { app: 'crm', lang: 'en', now: Date.now() }, updatedAt)
 */
export function resolveStatus(
  document: StatusDocument,
  query: ResolveQuery,
  updatedAt: string,
): ResolvedStatus {
  const fields = effectiveFields(document, query.app)
  const text = pickLanguage(fields.userMessage, query.lang)
  const expires = toMs(fields.expires)
  const expired = expires !== null && expires <= query.now
  const message =
    text && text.trim() !== '' && !expired
      ? {
          text,
          severity: (fields.severity ?? null) as Severity | null,
          startsAt: fields.startsAt ?? null,
          expires: fields.expires ?? null,
        }
      : null
  return {
    app: query.app,
    lang: query.lang,
    helpText: pickLanguage(fields.helpText, query.lang),
    helpUrl: fields.helpUrl ?? null,
    supportEmail: fields.supportEmail ?? null,
    message,
    retryAfterSeconds: fields.retryAfterSeconds ?? null,
    disableServiceWorker: fields.disableServiceWorker ?? false,
    serverTime: new Date(query.now).toISOString(),
    updatedAt,
  }
}

/**
 * The next instant after `now` at which what users see for `app` changes by itself (a message
 * starts or expires), or `null`. Caches must not keep an answer past it.
 *
 * @example
 * nextChangeAt(document, 'crm', Date.now()) // e.g. 1795345200000
 */
export function nextChangeAt(
  document: StatusDocument,
  app: string | null,
  now: number,
): number | null {
  const fields = effectiveFields(document, app)
  if (fields.userMessage === undefined) return null
  const candidates = [toMs(fields.startsAt), toMs(fields.expires)].filter(
    (t): t is number => t !== null && t > now,
  )
  return candidates.length === 0 ? null : Math.min(...candidates)
}
