import * as z from 'zod/mini'
import { instantSchema, langSchema, safeUrlSchema, severitySchema } from './primitives.js'

/** The message that is active now or still to come, with its window. */
export const resolvedMessageSchema = z.object({
  text: z.string(),
  severity: z.nullable(severitySchema),
  startsAt: z.nullable(instantSchema),
  expires: z.nullable(instantSchema),
})

/**
 * What `GET /v1/status` answers: one app's status in one language at `serverTime`. Old service
 * workers live for months, so new fields may appear; consumers must ignore unknown fields.
 *
 * @example
 * const status = resolvedStatusSchema.parse(await (await fetch(url)).json())
 */
export const resolvedStatusSchema = z.object({
  app: z.nullable(z.string()),
  lang: langSchema,
  helpText: z.nullable(z.string()),
  helpUrl: z.nullable(safeUrlSchema),
  supportEmail: z.nullable(z.string()),
  message: z.nullable(resolvedMessageSchema),
  retryAfterSeconds: z.nullable(z.number()),
  disableServiceWorker: z.boolean(),
  serverTime: instantSchema,
  updatedAt: instantSchema,
})

export type ResolvedStatus = z.infer<typeof resolvedStatusSchema>
export type ResolvedMessage = z.infer<typeof resolvedMessageSchema>
