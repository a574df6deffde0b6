/**
 * Under every time field, what the typed time means: in UTC, and how far from now
 * ("12:00 UTC · in 2 h 15 min"), updated as the admin types. The browser reads the
 * datetime-local value in its own zone, which the console uses for the form.
 */
export function showTimeHints(form: HTMLFormElement): void {
  const lang = document.documentElement.lang || 'en'
  for (const field of form.querySelectorAll<HTMLInputElement>('input[type="datetime-local"]')) {
    const hint = document.createElement('p')
    hint.className = 'hint time-hint'
    hint.id = `${field.id}-when`
    field.insertAdjacentElement('afterend', hint)
    field.setAttribute(
      'aria-describedby',
      [field.getAttribute('aria-describedby'), hint.id].filter(Boolean).join(' '),
    )
    const update = () => {
      hint.textContent = field.value ? describe(new Date(field.value), lang) : ''
    }
    field.addEventListener('input', update)
    update()
  }
}

function describe(date: Date, lang: string): string {
  if (Number.isNaN(date.getTime())) return ''
  const utc = new Intl.DateTimeFormat(lang, {
    timeZone: 'UTC',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date)
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000)
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
  const span =
    Math.abs(minutes) < 60
      ? relative.format(minutes, 'minute')
      : Math.abs(minutes) < 48 * 60
        ? relative.format(Math.round(minutes / 60), 'hour')
        : relative.format(Math.round(minutes / 1440), 'day')
  return `${utc} UTC · ${span}`
}
