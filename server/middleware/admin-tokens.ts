import { createHash, timingSafeEqual } from 'node:crypto'

/** One admin's token and the label history and "handled by" show for it. */
export interface LabelledToken {
  label: string
  token: string
}

/**
 * What an admin surface is given: one token (labelled `admin`), several labelled ones, or `null`
 * (the admin API and console are off).
 */
export type AdminTokenSetting = string | readonly LabelledToken[] | null

/** The label of a token given as one string (STARTUP_HELP_ADMIN_TOKEN). */
export const DEFAULT_ADMIN_LABEL = 'admin'

/** Labels appear in history and exports: short, and no characters that could fool a reader. */
export const LABEL_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u

/**
 * The labelled tokens of a setting; empty when the admin surfaces are off.
 *
 * @example
 * labelledTokens('s3cret') // [{ label: 'admin', token: 's3cret' }]
 */
export function labelledTokens(setting: AdminTokenSetting): LabelledToken[] {
  if (setting === null) return []
  if (typeof setting === 'string') {
    return setting.length > 0 ? [{ label: DEFAULT_ADMIN_LABEL, token: setting }] : []
  }
  return setting.filter((entry) => entry.token.length > 0)
}

/**
 * The label of the token that matches `given`, or `null`. Every token is compared, in constant
 * time over hashes, so neither a token's bytes nor its position can be learned from timing.
 *
 * @example
 * labelForToken([{ label: 'alice', token: 'a-token' }], 'a-token') // 'alice'
 */
export function labelForToken(tokens: readonly LabelledToken[], given: string): string | null {
  const givenHash = createHash('sha256').update(given).digest()
  let found: string | null = null
  for (const entry of tokens) {
    const hash = createHash('sha256').update(entry.token).digest()
    if (timingSafeEqual(givenHash, hash) && found === null) found = entry.label
  }
  return found
}

/**
 * Reads an admin token file: one token alone (labelled `admin`), or one `label token` pair per
 * line for several admins (`#` comments and blank lines skipped). Throws naming the line.
 *
 * @example
 * parseTokenFile('alice 6f1c…\nbob 9a2e…\n', 'tokens') // [{ label: 'alice', … }, { label: 'bob', … }]
 */
export function parseTokenFile(text: string, name: string): LabelledToken[] {
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
  if (lines.length === 0) throw new Error(`the admin token file ${name} is empty`)
  const single = lines.length === 1 && !/\s/.test(lines[0]?.line ?? '')
  if (single) return [{ label: DEFAULT_ADMIN_LABEL, token: lines[0]?.line ?? '' }]
  const seen = new Set<string>()
  return lines.map(({ line, number }) => {
    const match = /^(\S+)\s+(\S+)$/.exec(line)
    const label = match?.[1] ?? ''
    const token = match?.[2] ?? ''
    if (!match || !LABEL_PATTERN.test(label)) {
      throw new Error(
        `${name}:${number}: write one "label token" pair per line (label: letters, digits, . _ @ -)`,
      )
    }
    if (token.length < 16)
      throw new Error(`${name}:${number}: a token needs at least 16 characters`)
    if (seen.has(label)) throw new Error(`${name}:${number}: the label "${label}" is used twice`)
    seen.add(label)
    return { label, token }
  })
}
