import { createHash } from 'node:crypto'
import { CLIENT_REPORT_ID_PATTERN } from '../../formats/report.js'

/**
 * The key that tells one error from another: client stack hash + application stack hash, as
 * onecmonitor hashes them (`getInfo`'s `clientStackHash` + `appStackHash`; in report.json
 * `systemErrorInfo.clientStackHash` + `applicationErrorInfo.stackHash`). Null when both are empty:
 * an error without hashes is never counted as a duplicate.
 *
 * @example
 * errorKey('d97ca0d0…', '84a1e982…') // 'D97CA0D0…|84A1E982…'
 */
export function errorKey(
  clientStackHash: string | null | undefined,
  appStackHash: string | null | undefined,
): string | null {
  const client = clientStackHash?.trim().toUpperCase() ?? ''
  const app = appStackHash?.trim().toUpperCase() ?? ''
  return client === '' && app === '' ? null : `${client}|${app}`
}

/**
 * The store's idempotency id for a 1C report: `1c-` + the report's own id when it has a usable
 * one, else `1c-` + a hash of the ZIP. Either way the same report sent again is stored once.
 *
 * @example
 * clientReportIdFor('fbc6d6a7-2fc2-4090-85a0-d07c8164be1a', zip) // '1c-fbc6d6a7-2fc2-4090-85a0-d07c8164be1a'
 */
export function clientReportIdFor(reportId: string | null | undefined, zip: Uint8Array): string {
  const own = `1c-${reportId?.trim() ?? ''}`
  if (reportId && CLIENT_REPORT_ID_PATTERN.test(own)) return own
  return `1c-${createHash('sha256').update(zip).digest('base64url').slice(0, 40)}`
}
