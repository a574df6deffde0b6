import {
  findNodeAtLocation,
  type ParseError,
  parse,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser'
import { describeIssue } from '../../formats/describe-issues.js'
import { type StatusDocument, statusDocumentSchema } from '../../formats/status-document.js'
import { FORBIDDEN_KEYS, findTooDeep, MAX_STATUS_DEPTH } from './status-file-limits.js'

/** One problem in a status file, located so an admin can jump to it in an editor. */
export interface StatusFileProblem {
  /** 1-based line and column, when the problem has a place in the text. */
  line: number | null
  column: number | null
  /** Field path such as `apps.crm.helpUrl`, or `null` for a syntax error. */
  path: string | null
  message: string
}

export type ParsedStatusFile =
  | { ok: true; document: StatusDocument }
  | { ok: false; problems: StatusFileProblem[] }

const SYNTAX_HINTS: Record<string, string> = {
  PropertyNameExpected: 'expected a "quoted" field name (a trailing comma?)',
  ValueExpected: 'expected a value (a trailing comma or a missing value?)',
  CommaExpected: 'expected a comma between fields',
  ColonExpected: 'expected a colon after the field name',
  CloseBraceExpected: 'expected } (an unclosed object?)',
  CloseBracketExpected: 'expected ] (an unclosed list?)',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidSymbol: 'unexpected character',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed (a missing ")',
  InvalidEscapeCharacter: 'invalid escape in a string (use \\\\ for a backslash)',
  InvalidCharacter: 'invalid character in a string (line breaks must be written as \\n)',
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** Path of the first field named `__proto__`, `constructor` or `prototype`, or null. */
function findForbiddenKey(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value !== 'object' || value === null) return null
  for (const key of Object.keys(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key]
    if (FORBIDDEN_KEYS.has(key)) return at
    const found = findForbiddenKey((value as Record<string, unknown>)[key], at)
    if (found) return found
  }
  return null
}

function forbiddenKeyProblem(text: string, path: (string | number)[]): StatusFileProblem {
  const tree = parseTree(text)
  const keyNode = tree ? findNodeAtLocation(tree, path)?.parent : undefined
  const place = keyNode ? lineAndColumn(text, keyNode.offset) : { line: null, column: null }
  return {
    ...place,
    path: path.join('.'),
    message: `the field name "${String(path.at(-1))}" is not allowed (JavaScript would drop it); rename it`,
  }
}

function syntaxProblem(text: string, error: unknown): StatusFileProblem {
  const errors: ParseError[] = []
  parse(text, errors, { allowTrailingComma: false, disallowComments: true })
  const first = errors[0]
  if (first) {
    const place = lineAndColumn(text, first.offset)
    const code = printParseErrorCode(first.error)
    return { ...place, path: null, message: `invalid JSON: ${SYNTAX_HINTS[code] ?? code}` }
  }
  return {
    line: null,
    column: null,
    path: null,
    message: `invalid JSON: ${(error as Error).message}`,
  }
}

/**
 * Parses and validates the text of a status file. Never throws: a broken file gives problems with
 * line, column and field path, so the caller can keep serving the last good version.
 *
 * @example
 * const parsed = parseStatusText('{"severity": "panic"}')
 * // { ok: false, problems: [{ line: 1, column: 14, path: 'severity', message: 'must be one of …' }] }
 */
export function parseStatusText(text: string): ParsedStatusFile {
  if (text.trim() === '') {
    return {
      ok: false,
      problems: [
        { line: 1, column: 1, path: null, message: 'the file is empty (write {} for no status)' },
      ],
    }
  }
  // Before any parser: jsonc-parser recurses and overflows the stack at a few thousand levels.
  const tooDeep = findTooDeep(text)
  if (tooDeep !== -1) {
    const message = `nested deeper than the limit of ${MAX_STATUS_DEPTH} levels`
    return { ok: false, problems: [{ ...lineAndColumn(text, tooDeep), path: null, message }] }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { ok: false, problems: [syntaxProblem(text, error)] }
  }
  const forbidden = findForbiddenKey(raw)
  if (forbidden) return { ok: false, problems: [forbiddenKeyProblem(text, forbidden)] }
  const result = statusDocumentSchema.safeParse(raw, { reportInput: true })
  if (result.success) return { ok: true, document: result.data }
  const tree = parseTree(text)
  const problems = result.error.issues.map((issue): StatusFileProblem => {
    const { path, message } = describeIssue(issue)
    const node = tree ? findNodeAtLocation(tree, issue.path as (string | number)[]) : undefined
    // An unknown key has no node at its own path; point at the key itself instead.
    const keyNode =
      issue.code === 'unrecognized_keys' && tree
        ? findNodeAtLocation(tree, [...(issue.path as (string | number)[]), issue.keys[0] ?? ''])
            ?.parent
        : undefined
    const offset = keyNode?.offset ?? node?.offset
    const place = offset === undefined ? { line: null, column: null } : lineAndColumn(text, offset)
    return { ...place, path, message }
  })
  return { ok: false, problems }
}

/**
 * One line per problem, in the `file:line:column: path: message` form editors and terminals link.
 *
 * @example
 * formatProblem('status.json', { line: 3, column: 5, path: 'helpUrl', message: 'must be …' })
 * // 'status.json:3:5: helpUrl: must be …'
 */
export function formatProblem(file: string, problem: StatusFileProblem): string {
  const place = problem.line === null ? file : `${file}:${problem.line}:${problem.column}`
  return problem.path === null
    ? `${place}: ${problem.message}`
    : `${place}: ${problem.path}: ${problem.message}`
}
