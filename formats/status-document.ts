import * as z from 'zod/mini'
import {
  appIdSchema,
  instantSchema,
  localizedTextSchema,
  safeUrlSchema,
  severitySchema,
} from './primitives.js'

/** Fields an admin may set at the top level or per app (`apps.<id>` overrides the top level). */
const overridableFields = {
  helpText: z.optional(localizedTextSchema),
  helpUrl: z.optional(safeUrlSchema),
  supportEmail: z.optional(
    z.email({ error: 'must be an e-mail address like support@example.com' }),
  ),
  userMessage: z.optional(localizedTextSchema),
  severity: z.optional(severitySchema),
  startsAt: z.optional(instantSchema),
  expires: z.optional(instantSchema),
  retryAfterSeconds: z.optional(
    z
      .int({ error: 'must be a whole number of seconds' })
      .check(
        z.minimum(1, { error: 'must be at least 1' }),
        z.maximum(86_400, { error: 'must be at most 86400 (a day)' }),
      ),
  ),
  disableServiceWorker: z.optional(z.boolean({ error: 'must be true or false' })),
}

/** Start must come before the end; a window that ends before it starts would never show. */
const windowInOrder = z.refine<{ startsAt?: string | undefined; expires?: string | undefined }>(
  (value) =>
    !value.startsAt || !value.expires || Date.parse(value.startsAt) < Date.parse(value.expires),
  { error: 'startsAt must be before expires', path: ['expires'] },
)

export const appOverrideSchema = z.strictObject(overridableFields).check(windowInOrder)

/**
 * The status document admins edit (`status.json`). Every field is optional; unknown fields are
 * refused so that a typo (`"expire"`) is caught instead of silently ignored.
 *
 * @example
 * const result = statusDocumentSchema.safeParse(JSON.parse(text))
 * if (!result.success) console.error(describeIssues(result.error.issues))
 */
export const statusDocumentSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    ...overridableFields,
    apps: z.optional(z.record(appIdSchema, appOverrideSchema)),
  })
  .check(windowInOrder)

export type StatusDocument = z.infer<typeof statusDocumentSchema>
export type AppOverride = z.infer<typeof appOverrideSchema>
