import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ConsoleSession } from './sign-in/session.js'
import {
  CONSOLE_LANGUAGES,
  type ConsoleLanguage,
  type ConsoleText,
  consoleText,
} from './ui/console-strings.js'

/** Cookie with the console's language, set by the language links. */
export const LANGUAGE_COOKIE = 'sh_console_lang'
/** Cookie with the admin's IANA time zone, set by console.js (times are shown in it). */
export const TIME_ZONE_COOKIE = 'sh_console_tz'

/** What every console page knows about the request. */
export interface ConsoleRequest {
  lang: ConsoleLanguage
  t: ConsoleText
  session: ConsoleSession | null
  csrf: string | null
  /** The admin's time zone (IANA), or 'UTC' until the browser told us. */
  timeZone: string
  /** Where the console is mounted, e.g. `/admin`. */
  base: string
}

declare module 'hono' {
  interface ContextVariableMap {
    console: ConsoleRequest
  }
}

/**
 * The console language: `?lang=`, then the cookie, then the browser's Accept-Language, then English.
 *
 * @example
 * consoleLanguage('ru', undefined, 'en-US') // 'ru'
 */
export function consoleLanguage(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): ConsoleLanguage {
  const known = (value: string | undefined) =>
    (CONSOLE_LANGUAGES as readonly string[]).includes(value ?? '')
      ? (value as ConsoleLanguage)
      : null
  const fromHeader = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().slice(0, 2).toLowerCase())
    .find((value) => known(value) !== null)
  return known(query) ?? known(cookie) ?? known(fromHeader) ?? 'en'
}

/**
 * True for a time zone this Node knows (the cookie is the browser's word, so it is checked).
 *
 * @example
 * isTimeZone('Europe/Moscow') // true
 */
export function isTimeZone(value: string | undefined): value is string {
  if (!value || value.length > 64) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** Reads language and time zone of a request (the session is added by the auth middleware). */
export function readConsoleRequest(c: Context, base: string): ConsoleRequest {
  const lang = consoleLanguage(
    c.req.query('lang'),
    getCookie(c, LANGUAGE_COOKIE),
    c.req.header('accept-language'),
  )
  const zone = getCookie(c, TIME_ZONE_COOKIE)
  return {
    lang,
    t: consoleText(lang),
    session: null,
    csrf: null,
    timeZone: isTimeZone(zone) ? zone : 'UTC',
    base,
  }
}
