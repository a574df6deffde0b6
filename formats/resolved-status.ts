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
 * One notice of the answer's `messages`, in the answer's language: published and not ended.
 * `state` is as of `serverTime`; a client re-checks the window on its own (corrected) clock.
 */
export const resolvedNoticeSchema = z.object({
  /** The document's notice id; `userMessage` for the single-message shorthand. */
  id: z.string(),
  severity: z.nullable(severitySchema),
  state: z.enum(['active', 'upcoming']),
  title: z.nullable(z.string()),
  body: z.string(),
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
  /** The most severe active notice (else the next upcoming one), as old workers read it. */
  message: z.nullable(resolvedMessageSchema),
  /**
   * Every published notice not yet ended, active ones first (most severe first), then upcoming by
   * start. Optional: answers cached by a worker before this field existed lack it.
   */
  messages: z.optional(z.array(resolvedNoticeSchema)),
  retryAfterSeconds: z.nullable(z.number()),
  disableServiceWorker: z.boolean(),
  serverTime: instantSchema,
  updatedAt: instantSchema,
})

export type ResolvedStatus = z.infer<typeof resolvedStatusSchema>
export type ResolvedMessage = z.infer<typeof resolvedMessageSchema>
export type ResolvedNotice = z.infer<typeof resolvedNoticeSchema>
