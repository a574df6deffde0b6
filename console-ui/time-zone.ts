const COOKIE = 'sh_console_tz'
const RELOADED = 'sh_console_tz_reloaded'

/**
 * Tells the service the admin's time zone (a cookie the pages read). On the first visit the page
 * was rendered in UTC: reload once to show the admin's own times, unless a form holds typing.
 * Answers true when it reloads.
 */
export function rememberTimeZone(): boolean {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!zone) return false
  const current = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1)
  if (current !== undefined && decodeURIComponent(current) === zone) return false
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox ESR and Safari.
  document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/admin; SameSite=Strict; max-age=31536000`
  for (const field of document.querySelectorAll<HTMLInputElement>('input[name="timeZone"]')) {
    field.value = zone
  }
  const isPlainView = document.querySelector('.error-summary, .conflict') === null
  if (isPlainView && sessionStorage.getItem(RELOADED) !== zone) {
    sessionStorage.setItem(RELOADED, zone)
    location.reload()
    return true
  }
  return false
}
