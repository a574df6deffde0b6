/**
 * The help panel's words, Russian and English built in. Every key can be overridden per language
 * through `HelpDefaults.strings` (`{ en: { title_offline: '…' } }`), so an app can speak its own
 * voice without forking the UI.
 */
export const EN = {
  // Titles follow GOV.UK's "service unavailable" and "problem with the service" patterns: sorry
  // in plain words, the app's name, no technical terms (those are under "Show details").
  title_offline: 'You are offline',
  title_unavailable: 'Sorry, {app} is unavailable',
  title_problem: 'Sorry, there is a problem with {app}',
  app_named: '{name}',
  app_unnamed: 'the service',
  cause_offline: 'Check your Wi-Fi or mobile data. This page will notice when you are back online.',
  cause_unreachable: 'We cannot connect to it at the moment.',
  cause_timeout: 'It is taking too long to respond.',
  cause_http_error: 'It is not working properly at the moment.',
  back_by: 'You will be able to use it again from {time}.',
  input_kept: 'What you entered on this page has not been lost.',
  severity_info: 'Information',
  severity_maintenance: 'Maintenance',
  severity_degraded: 'Degraded service',
  severity_outage: 'Outage',
  need_help: 'Need help',
  try_again: 'Try again',
  retry_in: 'Trying again in {seconds} s',
  retrying: 'Checking whether it is working again…',
  still_down: 'Still not working.',
  stop_retry: 'Stop automatic retry',
  resume_retry: 'Retry automatically',
  retry_stopped: 'Automatic retry is off. Use "Try again" when you are ready.',
  paused_hidden: 'Automatic retry paused while this tab is hidden',
  paused_offline: 'Automatic retry paused: the device is offline',
  show_details: 'Show details',
  copy_details: 'Copy details',
  copied: 'Details copied',
  copy_failed: 'Could not copy: select the text under "Show details" and copy it',
  fact_what: 'What failed',
  fact_url: 'URL',
  fact_method: 'Method',
  fact_status: 'Status',
  fact_time: 'Time',
  fact_error_code: 'Error code',
  fact_request_id: 'Request id',
  what_navigation: 'Opening the page',
  what_request: 'A request of the app',
  what_none: 'No failure was recorded',
  report_preview: 'What the report will send',
  report_heading: 'Send report to support',
  comment_label: 'Comment (optional)',
  contact_label: 'How to contact you (optional)',
  send_report: 'Send report to support',
  sending: 'Sending…',
  sent: 'Sent — reference {id}',
  saved: 'Saved — it will be sent automatically when the connection is back',
  send_failed: 'The report was not accepted: {reason}. Use "Copy details" and send them yourself.',
  email_support: 'Email support',
  email_subject: 'Login problem: {title}',
  close: 'Close',
  other_notices: 'Also announced',
  notice_starts: 'From {time}',
  banner_label: 'Service notices',
  dismiss_notice: 'Hide this notice',
} as const

export type StringKey = keyof typeof EN
export type Strings = Record<StringKey, string>

export const RU: Strings = {
  title_offline: 'Нет подключения к интернету',
  title_unavailable: 'Извините, {app} временно недоступен',
  title_problem: 'Извините, {app} сейчас не работает',
  app_named: 'сервис «{name}»',
  app_unnamed: 'сервис',
  cause_offline: 'Проверьте Wi-Fi или мобильный интернет. Страница заметит, когда связь появится.',
  cause_unreachable: 'Сейчас не удаётся к нему подключиться.',
  cause_timeout: 'Он слишком долго не отвечает.',
  cause_http_error: 'Сейчас он работает неправильно.',
  back_by: 'Им снова можно будет пользоваться с {time}.',
  input_kept: 'Всё, что вы ввели на этой странице, сохранилось.',
  severity_info: 'Информация',
  severity_maintenance: 'Технические работы',
  severity_degraded: 'Сервис работает с перебоями',
  severity_outage: 'Авария',
  need_help: 'Нужна помощь',
  try_again: 'Повторить',
  retry_in: 'Повторная попытка через {seconds} с',
  retrying: 'Проверяем, заработал ли сервис…',
  still_down: 'Пока не работает.',
  stop_retry: 'Остановить автоповтор',
  resume_retry: 'Повторять автоматически',
  retry_stopped: 'Автоповтор выключен. Нажмите «Повторить», когда будете готовы.',
  paused_hidden: 'Повторные попытки приостановлены, пока вкладка скрыта',
  paused_offline: 'Повторные попытки приостановлены: нет подключения',
  show_details: 'Подробнее',
  copy_details: 'Скопировать подробности',
  copied: 'Подробности скопированы',
  copy_failed: 'Не удалось скопировать: выделите текст в «Подробнее» и скопируйте его',
  fact_what: 'Что не удалось',
  fact_url: 'Адрес',
  fact_method: 'Метод',
  fact_status: 'Код ответа',
  fact_time: 'Время',
  fact_error_code: 'Код ошибки',
  fact_request_id: 'Идентификатор запроса',
  what_navigation: 'Открытие страницы',
  what_request: 'Запрос приложения',
  what_none: 'Сбой не зафиксирован',
  report_preview: 'Что будет отправлено в отчёте',
  report_heading: 'Отправить отчёт в поддержку',
  comment_label: 'Комментарий (необязательно)',
  contact_label: 'Как с вами связаться (необязательно)',
  send_report: 'Отправить отчёт в поддержку',
  sending: 'Отправляем…',
  sent: 'Отправлено — номер обращения {id}',
  saved: 'Сохранено — отчёт будет отправлен автоматически, когда связь восстановится',
  send_failed: 'Отчёт не принят: {reason}. Скопируйте подробности и отправьте их сами.',
  email_support: 'Написать в поддержку',
  email_subject: 'Проблема со входом: {title}',
  close: 'Закрыть',
  other_notices: 'Также объявлено',
  notice_starts: 'С {time}',
  banner_label: 'Объявления сервиса',
  dismiss_notice: 'Скрыть это объявление',
}

const BUILT_IN: Record<string, Strings> = { en: EN, ru: RU }

/**
 * Picks the UI language: the developer's choice first, then the browser's list; a language
 * counts when it is built in or the developer supplied strings for it. Falls back to English.
 *
 * @example
 * chooseLanguage(null, ['ru-RU', 'en'], {}) // 'ru'
 */
export function chooseLanguage(
  preferred: string | null,
  browserLanguages: readonly string[],
  overrides: Record<string, Record<string, string>>,
): string {
  const candidates = preferred ? [preferred, ...browserLanguages] : browserLanguages
  for (const candidate of candidates) {
    const tag = candidate.trim()
    if (!tag) continue
    if (overrides[tag] !== undefined) return tag
    const base = primary(tag)
    if (BUILT_IN[base] !== undefined || overrides[base] !== undefined) return base
  }
  return 'en'
}

/**
 * The full string table for `lang`: English, then the built-in language, then the developer's
 * overrides (for the base language, then the exact tag). Unknown override keys are ignored.
 *
 * @example
 * stringsFor('ru', { ru: { need_help: 'Справка' } }).need_help // 'Справка'
 */
export function stringsFor(
  lang: string,
  overrides: Record<string, Record<string, string>>,
): Strings {
  const table: Strings = { ...EN, ...BUILT_IN[primary(lang)] }
  for (const source of [overrides[primary(lang)], overrides[lang]]) {
    if (!source) continue
    for (const key of Object.keys(EN) as StringKey[]) {
      const value = source[key]
      if (typeof value === 'string') table[key] = value
    }
  }
  return table
}

/**
 * Fills `{name}` placeholders.
 *
 * @example
 * format('Sent — reference {id}', { id: 'SH-7K3M9Q' }) // 'Sent — reference SH-7K3M9Q'
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
}

function primary(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase()
}
