import { randomBytes } from 'node:crypto'

/**
 * Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U, so a
 * reference read aloud over the phone or typed from a screenshot cannot be misread (0/O, 1/I/L).
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Six symbols give 32^6 ≈ 1.07 billion references: short to quote, and collisions are rare. */
export const REFERENCE_LENGTH = 6

/** What a reference looks like: `SH-` and six Crockford base32 symbols. */
export const REFERENCE_PATTERN = /^SH-[0-9A-HJKMNP-TV-Z]{6}$/

/**
 * A new random reference such as `SH-7K3M9Q`. The caller checks it against the references in
 * use (see `FolderReportStorage`), because six symbols can collide in a large store.
 *
 * @example
 * createReference() // 'SH-7K3M9Q'
 */
export function createReference(): string {
  let symbols = ''
  // 256 is a multiple of 32, so taking the low five bits of each byte is unbiased.
  for (const byte of randomBytes(REFERENCE_LENGTH)) symbols += CROCKFORD_ALPHABET[byte & 31]
  return `SH-${symbols}`
}

/**
 * Reads a reference as a person typed it: trims, upper-cases, adds a missing `SH-` and maps the
 * look-alikes Crockford allows (O→0, I/L→1). Returns `null` when it cannot be a reference.
 *
 * @example
 * normalizeReference(' sh-7k3m9q ') // 'SH-7K3M9Q'
 * normalizeReference('7K3M9O')      // 'SH-7K3M90'
 */
export function normalizeReference(input: string): string | null {
  const bare = input
    .trim()
    .toUpperCase()
    .replace(/^SH-?/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  const candidate = `SH-${bare}`
  return REFERENCE_PATTERN.test(candidate) ? candidate : null
}
