import * as z from 'zod/mini'
import { statusDocumentSchema } from '../../formats/status-document.js'

/**
 * The JSON Schema of the status document, generated from the one zod definition, with titles that
 * editors show as hover help.
 *
 * @example
 * writeFileSync('status.schema.json', JSON.stringify(statusDocumentJsonSchema(), null, 2))
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
