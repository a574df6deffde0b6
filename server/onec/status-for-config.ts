import { isMessageActive } from '../../formats/help-model.js'
import type { ResolvedStatus } from '../../formats/resolved-status.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { LANG_PATTERN } from '../../formats/status-url.js'

/**
 * The app whose `oneCConfigNames` lists a 1C configuration (compared without case or surrounding
 * spaces), or null: then the top-level status applies.
 *
 * @example
 * appForConfigName({ apps: { erp: { oneCConfigNames: ['УправлениеПредприятием'] } } }, 'УправлениеПредприятием') // 'erp'
 */
export function appForConfigName(
  document: StatusDocument,
  configName: string | null | undefined,
): string | null {
  const wanted = configName?.trim().toLocaleLowerCase()
  if (!wanted) return null
  for (const [app, fields] of Object.entries(document.apps ?? {})) {
    if (fields.oneCConfigNames?.some((name) => name.trim().toLocaleLowerCase() === wanted)) {
      return app
    }
  }
  return null
}

/**
 * The language to answer in: the platform's interface language, else the configuration's, else
 * English. 1C may spell a locale `ru_RU`; it becomes `ru-RU`.
 *
 * @example
 * oneCLanguage('ru', 'en') // 'ru'
 */
export function oneCLanguage(...codes: (string | null | undefined)[]): string {
  for (const code of codes) {
    const tag = code?.trim().replace('_', '-')
    if (tag && LANG_PATTERN.test(tag)) return tag
  }
  return 'en'
}

/**
 * What 1C shows the user in its error dialog: the incident message when one is in its window now,
 * then the help text (who to call). Plain text, as the status file holds it; empty when neither is set.
 *
 * @example
 * oneCUserMessage(store.resolve({ app: 'erp', lang: 'ru' }), Date.now())
 * // 'Идёт обновление сервера до 14:00.\n\nПозвоните дежурному: …'
 */
export function oneCUserMessage(status: ResolvedStatus, nowMs: number): string {
  const message =
    status.message && isMessageActive(status.message, nowMs) ? status.message.text : null
  return [message, status.helpText]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join('\n\n')
}
