import type { LocalizedText } from '../../formats/primitives.js'
import type { AppOverride, StatusDocument } from '../../formats/status-document.js'

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
