/** Who saved when nobody said: the admin API's one token. */
export const DEFAULT_AUTHOR = 'admin'

/**
 * The author label as stored: trimmed, control characters dropped (it ends up in a console and
 * in logs), at most 64 characters; missing or empty is `admin`.
 *
 * @example
 * authorLabel(' alice\n') // 'alice'
 * authorLabel(undefined) // 'admin'
 */
export function authorLabel(raw: string | undefined): string {
  const clean = (raw ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 64)
  return clean === '' ? DEFAULT_AUTHOR : clean
}
