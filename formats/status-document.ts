import * as z from 'zod/mini'
import {
  appIdSchema,
  instantSchema,
  localizedTextSchema,
  safeUrlSchema,
  severitySchema,
} from './primitives.js'
import { noticesSchema } from './status-notices.js'

/** Editor hover help: the JSON Schema carries these descriptions. */
const about = (text: string) => z.describe(text)

/** Fields an admin may set at the top level or per app (`apps.<id>` overrides the top level). */
const overridableFields = {
  helpText: z.optional(
    localizedTextSchema.check(
      about(
        'Plain text shown on the help page (line breaks kept, never HTML): a string or {"en": "…", "ru": "…"}.',
      ),
    ),
  ),
  helpUrl: z.optional(
    safeUrlSchema.check(about('The "Need help" link: https:, http:, mailto: or tel:.')),
  ),
  supportEmail: z.optional(
    z
      .email({ error: 'must be an e-mail address like support@example.com' })
      .check(about('Adds "Email support" with the diagnostic details.')),
  ),
  userMessage: z.optional(
    localizedTextSchema.check(
      about(
        'The incident message, shown only while startsAt <= now < expires. Plain text or a language map.',
      ),
    ),
  ),
  messages: z.optional(noticesSchema),
  severity: z.optional(severitySchema.check(about('info | maintenance | degraded | outage'))),
  startsAt: z.optional(
    instantSchema.check(
      about('When the message starts showing (ISO 8601 with a zone). Default: now.'),
    ),
  ),
  expires: z.optional(
    instantSchema.check(
      about(
        'When the message stops showing (ISO 8601 with a zone), e.g. 2026-11-22T14:00:00+03:00.',
      ),
    ),
  ),
  retryAfterSeconds: z.optional(
    z
      .int({ error: 'must be a whole number of seconds' })
      .check(
        z.minimum(1, { error: 'must be at least 1' }),
        z.maximum(86_400, { error: 'must be at most 86400 (a day)' }),
        about('Seconds between automatic retries on the help page.'),
      ),
  ),
  disableServiceWorker: z.optional(
    z
      .boolean({ error: 'must be true or false' })
      .check(
        about(
          'Kill switch: true makes every installed service worker unregister itself and delete its caches.',
        ),
      ),
  ),
}

/** Start must come before the end; a window that ends before it starts would never show. */
const windowInOrder = z.refine<{ startsAt?: string | undefined; expires?: string | undefined }>(
  (value) =>
    !value.startsAt || !value.expires || Date.parse(value.startsAt) < Date.parse(value.expires),
  { error: 'startsAt must be before expires', path: ['expires'] },
)

export const appOverrideSchema = z
  .strictObject({
    ...overridableFields,
    oneCConfigNames: z.optional(
      z
        .array(
          z
            .string()
            .check(
              z.minLength(1, { error: 'must not be empty' }),
              z.maxLength(256, { error: 'must be at most 256 characters' }),
            ),
        )
        .check(
          z.maxLength(100, { error: 'must list at most 100 names' }),
          about(
            'Names of 1C:Enterprise configurations (configInfo.name, e.g. "БухгалтерияПредприятия") that belong to this app: their error reports get this app\'s message and are filed under it.',
          ),
        ),
    ),
  })
  .check(windowInOrder)

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
    apps: z.optional(
      z
        .record(appIdSchema, appOverrideSchema)
        .check(about('Per-app overrides: apps.<id> may set any field above for that app only.')),
    ),
  })
  .check(windowInOrder)

export type StatusDocument = z.infer<typeof statusDocumentSchema>
export type AppOverride = z.infer<typeof appOverrideSchema>
