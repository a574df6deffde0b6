import type { FailureKind } from '../formats/report.js'
import type { Strings } from './strings.js'

/**
 * The panel's title for a failure kind; no failure (the server's /help opened directly) gets
 * the general "temporarily unavailable".
 *
 * @example
 * titleFor('timeout', strings) // 'The server is not answering'
 */
export function titleFor(kind: FailureKind | undefined, t: Strings): string {
  switch (kind) {
    case 'offline':
      return t.title_offline
    case 'unreachable':
      return t.title_unreachable
    case 'timeout':
      return t.title_timeout
    case 'http-error':
      return t.title_http_error
    default:
      return t.title_unknown
  }
}
