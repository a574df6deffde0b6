import type * as z from 'zod/mini'

type Issue = z.core.$ZodIssue

/**
 * A field path as an admin would type it.
 *
 * @example
 * formatPath(['apps', 'crm', 'helpUrl']) // 'apps.crm.helpUrl'
 * formatPath([])                        // '(top level)'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.')
}

/**
 * One human line per zod issue, naming the field. Parse with `{ reportInput: true }` so that a
 * missing field reads "is required" rather than as a wrong type. Used for the status file, the admin API and
 * report validation, so every surface words errors the same way.
 *
 * @example
 * describeIssue({ code: 'unrecognized_keys', keys: ['expire'], path: [], message: '' })
 * // '(top level): unknown field "expire"'
 */
export function describeIssue(issue: Issue): { path: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ')
    return {
      path: formatPath(issue.path),
      message: `unknown field ${names} (check the spelling)`,
    }
  }
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]
    return { path: formatPath(issue.path), message: inner ? inner.message : issue.message }
  }
  // Parsed with `{ reportInput: true }`, a missing field is the one whose input is undefined
  // (JSON has no undefined); without that option no issue carries an input at all.
  if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
    return { path: formatPath(issue.path), message: 'is required' }
  }
  if (issue.code === 'invalid_type' && issue.message === 'Invalid input') {
    return { path: formatPath(issue.path), message: `must be ${issue.expected}` }
  }
  return { path: formatPath(issue.path), message: issue.message }
}
