import * as z from 'zod/mini'
import { statusDocumentSchema } from '../../formats/status-document.js'

/**
 * The JSON Schema of the status document, generated from the one zod definition, with titles that
 * editors show as hover help.
 *
 * @example
 * const schema = statusDocumentJsonSchema()
 * schema.title // 'startup-help status document'
 */
export function statusDocumentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(statusDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return {
    ...schema,
    title: 'startup-help status document',
    description:
      'What users see when login fails: help text and URL, an incident message with its window (startsAt ≤ now < expires), per-app overrides. Every field is optional.',
  }
}

/**
 * The schema as the tracked file `config-samples/status.schema.json` holds it (two-space JSON and
 * a final newline), for `npm run schema` and the test that keeps the file up to date.
 *
 * @example
 * writeFileSync('config-samples/status.schema.json', statusSchemaText())
 */
export function statusSchemaText(): string {
  return `${JSON.stringify(statusDocumentJsonSchema(), null, 2)}\n`
}
