/**
 * The URL without its password, for logs and errors.
 *
 * @example
 * redactUrl('postgres://app:secret@db:5432/help') // 'postgres://app:***@db:5432/help'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(an unparsable database URL)'
  }
}
