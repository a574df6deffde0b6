import type { ResolvedStatus } from '../../formats/resolved-status.js'
import type { StatusDocument } from '../../formats/status-document.js'
import { effectiveFields, pickLanguage } from './effective-fields.js'
import { nextNoticeTransition, resolveNotices, singleMessage } from './resolve-notices.js'

export interface ResolveQuery {
  app: string | null
  lang: string
  /** Milliseconds since epoch; injected so tests run on a fixed clock. */
  now: number
}

/**
 * The resolved status `GET /v1/status` serves: texts in one language, the notices that are
 * published and not ended (`messages`, active first) and the single `message` old workers read
 * (the most severe active notice, else the next to start).
 *
 * @example
 * resolveStatus(document, { app: 'crm', lang: 'en', now: Date.now() }, updatedAt)
 */
export function resolveStatus(
  document: StatusDocument,
  query: ResolveQuery,
  updatedAt: string,
): ResolvedStatus {
  const fields = effectiveFields(document, query.app)
  const messages = resolveNotices(document, query)
  return {
    app: query.app,
    lang: query.lang,
    helpText: pickLanguage(fields.helpText, query.lang),
    helpUrl: fields.helpUrl ?? null,
    supportEmail: fields.supportEmail ?? null,
    message: singleMessage(messages),
    messages,
    retryAfterSeconds: fields.retryAfterSeconds ?? null,
    disableServiceWorker: fields.disableServiceWorker ?? false,
    serverTime: new Date(query.now).toISOString(),
    updatedAt,
  }
}

/**
 * The next instant after `now` at which what users see for `app` changes by itself (a notice is
 * published, starts or ends), or `null`. Caches must not keep an answer past it.
 *
 * @example
 * nextChangeAt(document, 'crm', Date.now()) // e.g. 1795345200000
 */
export function nextChangeAt(
  document: StatusDocument,
  app: string | null,
  now: number,
): number | null {
  return nextNoticeTransition(document, app, now)
}
