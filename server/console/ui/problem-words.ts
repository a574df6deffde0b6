import type { ConsoleLanguage } from './console-strings.js'

/**
 * The schema's problems are written once, in English, in formats/ (the CLI, the API and the file
 * check say them the same way). The console says the common ones in Russian as well, with the
 * field's own words ("Окончание" rather than "expires"); anything not listed stays as written.
 */
const RUSSIAN: readonly (readonly [RegExp, string | ((m: RegExpExecArray) => string)])[] = [
  [/^startsAt must be before expires$/, 'Окончание должно быть позже начала'],
  [/^publishAt must be at or before startsAt$/, 'Объявить можно не позже начала'],
  [/^publishAt must be before expires$/, 'Объявить нужно раньше окончания'],
  [
    /^must be an absolute URL with https:, http:, mailto: or tel:$/,
    'Нужна полная ссылка: https:, http:, mailto: или tel:',
  ],
  [/^URL is longer than (\d+) characters$/, (m) => `Ссылка длиннее ${m[1]} символов`],
  [/^must be an ISO 8601 date-time with a zone/, 'Нужны дата и время'],
  [/^must be a date and time$/, 'Нужны дата и время'],
  [/^must be one of info, maintenance, degraded, outage$/, 'Выберите важность из списка'],
  [/^must be a whole number of seconds$/, 'Нужно целое число секунд'],
  [/^must be at least (\d+)$/, (m) => `Не меньше ${m[1]}`],
  [/^must be at most 86400 \(a day\)$/, 'Не больше 86400 (сутки)'],
  [/^text is longer than (\d+) characters$/, (m) => `Текст длиннее ${m[1]} символов`],
  [
    /^id must match /,
    'Идентификатор: строчные латинские буквы, цифры, _ . и -, например db-upgrade-2026-11',
  ],
  [
    /^id "(.+)" is used twice/,
    (m) => `Идентификатор «${m[1]}» уже занят: у каждого объявления свой`,
  ],
  [/^must list at most (\d+) messages$/, (m) => `Не больше ${m[1]} объявлений`],
  [/^is required$/, 'Заполните это поле'],
  [
    /^write either one text for every language or one per language/,
    'Заполните либо текст для всех языков, либо тексты по языкам, но не то и другое',
  ],
  [/^app id must match /, 'Идентификатор приложения: строчные латинские буквы, цифры, _ и -'],
  [/^must be one of offline, unreachable, timeout, http-error, 1c$/, 'Выберите сбой из списка'],
  [/^must be at most (\d+) characters$/, (m) => `Не длиннее ${m[1]} символов`],
  [
    /^must be the nextCursor of the previous page$/,
    'Ссылка на страницу устарела: откройте список заново',
  ],
  [
    /is no longer stored \(past retention\?\)/,
    'Отчёт, с которого начиналась страница, уже удалён: откройте список заново',
  ],
  [/^must be an e-mail address/, 'Нужен адрес электронной почты, например support@example.com'],
]

/**
 * A problem in the console's language.
 *
 * @example
 * problemInLanguage('startsAt must be before expires', 'ru') // 'Окончание должно быть позже начала'
 */
export function problemInLanguage(message: string, lang: ConsoleLanguage): string {
  if (lang !== 'ru') return message
  for (const [pattern, words] of RUSSIAN) {
    const match = pattern.exec(message)
    if (match) return typeof words === 'string' ? words : words(match)
  }
  return message
}
