/**
 * A random idempotency id for one report: 18 random bytes as base64url (24 characters), so a
 * replayed report (service worker queue, local queue, double click) is stored once.
 *
 * @example
 * newClientReportId() // 'q3Zr0n2W5bE8cN1xT6yH4uJk'
 */
export function newClientReportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
