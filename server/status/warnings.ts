import type { StatusDocument } from '../../formats/status-document.js'

/**
 * Things that are valid but probably not what the admin meant: a message or notice with no end,
 * an end already past.
 *
 * @example
 * statusWarnings({ userMessage: 'Upgrade' }, Date.now())
 * // ['userMessage has no "expires": it shows until someone clears it']
 */
export function statusWarnings(document: StatusDocument, now: number): string[] {
  const warnings: string[] = []
  const levels: [string, Omit<StatusDocument, 'apps'>][] = [['', document]]
  for (const [id, fields] of Object.entries(document.apps ?? {}))
    levels.push([`apps.${id}.`, fields])
  for (const [prefix, fields] of levels) {
    if (
      fields.userMessage !== undefined &&
      fields.expires === undefined &&
      !(prefix && document.expires)
    ) {
      warnings.push(`${prefix}userMessage has no "expires": it shows until someone clears it`)
    }
    if (fields.expires !== undefined && Date.parse(fields.expires) <= now) {
      warnings.push(
        `${prefix}expires (${fields.expires}) is in the past: the message is no longer shown`,
      )
    }
    for (const notice of fields.messages ?? []) {
      const name = `${prefix}messages "${notice.id}"`
      if (notice.expires === undefined) {
        warnings.push(`${name} has no "expires": it shows until someone removes it`)
      } else if (Date.parse(notice.expires) <= now) {
        warnings.push(`${name} ended at ${notice.expires}: it is no longer shown`)
      }
    }
    if (fields.helpUrl?.startsWith('http:')) {
      warnings.push(`${prefix}helpUrl uses http: prefer https:`)
    }
  }
  return warnings
}
