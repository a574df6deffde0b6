import { diffLines as jsDiffLines } from 'diff'

/** One line of a diff: in both texts, only in the new one, or only in the old one. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/**
 * The line-by-line difference between two versions of the status document, old to new, one
 * entry per line (without its line break), for the admin console to show; plain data, the
 * page decides how to render (and escape) it.
 *
 * @example
 * diffLines('{\n  "a": 1\n}\n', '{\n  "a": 2\n}\n')
 * // [{ kind: 'same', text: '{' }, { kind: 'removed', text: '  "a": 1' },
 * //  { kind: 'added', text: '  "a": 2' }, { kind: 'same', text: '}' }]
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const lines: DiffLine[] = []
  // Line endings and a missing last line break mean nothing in a JSON document: a file saved in a
  // Windows editor would otherwise differ on every line.
  const changes = jsDiffLines(oldText, newText, { stripTrailingCr: true, ignoreNewlineAtEof: true })
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    // A change is a run of lines; the last one's break would otherwise make an empty line.
    const parts = change.value.replace(/\r?\n$/, '').split(/\r?\n/)
    for (const text of parts) lines.push({ kind, text })
  }
  return lines
}
