// Zod-free on purpose: the client bundle and the service worker import it.

/** App ids as the status format defines them: lower-case, digits, `_` and `-`, up to 64 characters. */
export const APP_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Language tags we accept as map keys and `lang=` values: `en`, `ru`, `pt-BR`. */
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/

/**
 * The language a request asks for by `Accept-Language`: its first tag when it is one the service
 * accepts, else null (the caller falls back to `en`). Quality values are not weighed: browsers
 * list the user's first choice first.
 *
 * @example
 * languageFromAcceptLanguage('ru-RU,ru;q=0.9,en;q=0.8') // 'ru-RU'
 */
export function languageFromAcceptLanguage(
  acceptLanguage: string | null | undefined,
): string | null {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim()
  return first && LANG_PATTERN.test(first) ? first : null
}

/** The status service's paths: the one place page, worker and server spell them. */
export const PATHS = {
  status: '/v1/status',
  statusDocument: '/v1/status/document',
  /** Admin: the document's versions; `/:id` one of them, `/:id/restore` (POST) saves it anew. */
  statusHistory: '/v1/status/history',
  statusSchema: '/v1/status.schema.json',
  reports: '/v1/reports',
  help: '/help',
  health: '/healthz',
  /** 1C:Enterprise's error-report protocol: `/1c/getInfo`, `/1c/pushReport`. */
  oneC: '/1c',
} as const

/** `statusUrl` without trailing slashes, so a path can follow it. */
const base = (statusUrl: string) => statusUrl.replace(/\/+$/, '')

/**
 * The status service's `GET /v1/status?app=&lang=` URL, as the page and the service worker both
 * ask for it; a language tag the service would refuse becomes `en`.
 *
 * @example
 * statusRequestUrl('https://status.example.com/', 'crm', 'ru-RU')
 * // 'https://status.example.com/v1/status?app=crm&lang=ru-RU'
 */
export function statusRequestUrl(statusUrl: string, app: string | null, lang: string): string {
  const url = new URL(`${base(statusUrl)}${PATHS.status}`)
  if (app) url.searchParams.set('app', app)
  url.searchParams.set('lang', LANG_PATTERN.test(lang) ? lang : 'en')
  return url.href
}

/**
 * Where reports are posted, `${statusUrl}/v1/reports`, tolerating a trailing slash.
 *
 * @example
 * reportsEndpoint('https://status.example.com/') // 'https://status.example.com/v1/reports'
 */
export function reportsEndpoint(statusUrl: string): string {
  return `${base(statusUrl)}${PATHS.reports}`
}
