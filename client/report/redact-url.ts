/** What a removed value becomes, so support still sees that the parameter was there. */
export const REDACTED = 'redacted'

/**
 * Query keys whose values must never leave the browser. Matched on the lower-cased key, so
 * `access_token`, `X-Auth`, `sessionId`, `client_secret` and `PHPSESSID` all count; erring towards
 * removing too much is the safe side for a report.
 */
const SENSITIVE_KEY =
  /token|passw|pwd|secret|sess|auth|jwt|apikey|api[-_]?key|credential|private|ticket|nonce|saml|otp|^key$|[-_.]key$|^code$|[-_.]code$|^sig$|signature|[-_.]sig$|^pin$|^state$/

/**
 * True when a query key names a secret.
 *
 * @example
 * isSensitiveKey('access_token') // true
 * isSensitiveKey('page')         // false
 */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key.toLowerCase())
}

/**
 * The URL with the values of sensitive query keys replaced, `user:password@` removed, and the
 * same done to a `#a=b&c=d` fragment (OAuth's implicit flow puts tokens there). Text that is not a
 * URL comes back with any `key=value` secrets replaced all the same.
 *
 * @example
 * redactUrl('https://app.example.com/login?next=%2Fhome&token=abc')
 * // 'https://app.example.com/login?next=%2Fhome&token=redacted'
 */
export function redactUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return redactPairs(value)
  }
  url.username = ''
  url.password = ''
  if (url.search) url.search = redactPairs(url.search.slice(1))
  if (url.hash.includes('=')) url.hash = redactPairs(url.hash.slice(1))
  return url.href
}

/** Rewrites `a=1&token=2` pair by pair, keeping the original encoding of what it keeps. */
function redactPairs(text: string): string {
  return text.replace(/([^?&#=]+)=([^&#]*)/g, (whole, rawKey: string) => {
    let key = rawKey
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '))
    } catch {
      // A malformed escape: judge the raw key.
    }
    return isSensitiveKey(key) ? `${rawKey}=${REDACTED}` : whole
  })
}
