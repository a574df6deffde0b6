import { correctedNow, type HelpModel, visibleMessage } from '../formats/help-model.js'
import { format, type Strings } from './strings.js'

/**
 * The page's title, in plain words and naming the app: "You are offline" when the device is;
 * "Sorry, CRM is unavailable" during an announced maintenance or outage (or on the server's
 * /help opened directly); else "Sorry, there is a problem with CRM". No status codes: those are
 * under "Show details".
 *
 * @example
 * titleFor(model, strings, Date.now()) // 'Sorry, there is a problem with CRM'
 */
export function titleFor(model: HelpModel, t: Strings, nowMs: number): string {
  if (model.failure?.kind === 'offline') return t.title_offline
  const name = model.defaults.appName?.trim()
  const app = name ? format(t.app_named, { name }) : t.app_unnamed
  const severity = visibleMessage(model.known, nowMs)?.severity
  const announced = severity === 'maintenance' || severity === 'outage'
  return format(announced || model.failure === null ? t.title_unavailable : t.title_problem, {
    app,
  })
}

/**
 * One plain sentence under the title saying what went wrong, by failure kind; `null` when no
 * failure was seen (the server's /help opened directly).
 *
 * @example
 * causeFor(model, strings) // 'It is taking too long to respond.'
 */
export function causeFor(model: HelpModel, t: Strings): string | null {
  switch (model.failure?.kind) {
    case 'offline':
      return t.cause_offline
    case 'unreachable':
      return t.cause_unreachable
    case 'timeout':
      return t.cause_timeout
    case 'http-error':
      return t.cause_http_error
    default:
      return null
  }
}

/**
 * "You will be able to use it again from 14:00." when the message on show is a maintenance or
 * outage with an end time (the admin's own promise); `null` otherwise. The time is in the
 * user's time zone and language, with the date when it is not today.
 *
 * @example
 * backByFor(model, strings, 'en', Date.now()) // 'You will be able to use it again from 14:00.'
 */
export function backByFor(
  model: HelpModel,
  t: Strings,
  lang: string,
  nowMs: number,
): string | null {
  const message = visibleMessage(model.known, nowMs)
  if (!message?.expires || (message.severity !== 'maintenance' && message.severity !== 'outage')) {
    return null
  }
  const end = new Date(message.expires)
  if (Number.isNaN(end.getTime())) return null
  const now = new Date(model.known ? correctedNow(model.known, nowMs) : nowMs)
  const sameDay = end.toDateString() === now.toDateString()
  const time = new Intl.DateTimeFormat(lang, {
    ...(sameDay ? {} : { day: 'numeric', month: 'long' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(end)
  return format(t.back_by, { time })
}
