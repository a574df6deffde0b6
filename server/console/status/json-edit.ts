import {
  applyEdits,
  findNodeAtLocation,
  type JSONPath,
  modify,
  type Node,
  parseTree,
} from 'jsonc-parser'

const EMPTY: Node = { type: 'object', offset: 0, length: 0, children: [] }

/**
 * Sets (or, with `undefined`, removes) one value in a JSON text by editing the text itself, so
 * the admin's indentation, key order and every other field stay as written and a history diff
 * shows only what changed. Removing what is not there is no edit (jsonc-parser would refuse it
 * in an empty document).
 *
 * @example
 * setJsonValue('{\n    "a": 1\n}\n', ['b'], 2) // '{\n    "a": 1,\n    "b": 2\n}\n'
 */
export function setJsonValue(text: string, path: JSONPath, value: unknown): string {
  if (value === undefined && findNodeAtLocation(parseTree(text) ?? EMPTY, path) === undefined) {
    return text
  }
  const edits = modify(text, path, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
  })
  return applyEdits(text, edits)
}
