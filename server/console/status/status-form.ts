import type { JSONPath } from 'jsonc-parser'
import type { AppOverride, StatusDocument } from '../../../formats/status-document.js'
import { type FormBody, formText } from '../ui/form-body.js'
import type { TextByLanguage } from '../ui/form-fields.js'
import { fromWallTime, toWallTime } from '../ui/zoned-time.js'
import { setJsonValue } from './json-edit.js'

export type { TextByLanguage }

export interface NoticeForm {
  id: string
  severity: string
  publishAt: string
  startsAt: string
  expires: string
  title: TextByLanguage
  body: TextByLanguage
  remove: boolean
}

/**
 * One scope (every app, or one app) of the status document as the editor's fields hold it:
 * strings only, times as `datetime-local` values in the admin's time zone.
 */
export interface ScopeForm {
  message: { text: TextByLanguage; severity: string; startsAt: string; expires: string }
  notices: NoticeForm[]
  helpText: TextByLanguage
  helpUrl: string
  retryAfterSeconds: string
  disableServiceWorker: boolean
}

/** The scope's own fields: the top level for `null`, else `apps.<id>` (empty when absent). */
export function scopeFields(document: StatusDocument, app: string | null): AppOverride {
  if (app === null) return document
  return document.apps?.[app] ?? {}
}

/** Languages the editor offers: the console's two, and any the scope's texts already use. */
export function scopeLanguages(fields: AppOverride): string[] {
  const found = new Set(['en', 'ru'])
  const collect = (value: unknown) => {
    if (value && typeof value === 'object') for (const lang of Object.keys(value)) found.add(lang)
  }
  collect(fields.userMessage)
  collect(fields.helpText)
  for (const notice of fields.messages ?? []) {
    collect(notice.title)
    collect(notice.body)
  }
  return [...found]
}

const textForm = (value: string | Record<string, string> | undefined): TextByLanguage =>
  value === undefined ? {} : typeof value === 'string' ? { '*': value } : { ...value }

const wall = (value: string | undefined, zone: string) =>
  value === undefined ? '' : toWallTime(Date.parse(value), zone)

/**
 * The editor's fields for a scope, times shown in `zone`.
 *
 * @example
 * formFromScope(scopeFields(document, 'crm'), 'Europe/Moscow').message.expires // '2026-11-22T15:00'
 */
export function formFromScope(fields: AppOverride, zone: string): ScopeForm {
  return {
    message: {
      text: textForm(fields.userMessage),
      severity: fields.severity ?? '',
      startsAt: wall(fields.startsAt, zone),
      expires: wall(fields.expires, zone),
    },
    notices: (fields.messages ?? []).map((notice) => ({
      id: notice.id,
      severity: notice.severity,
      publishAt: wall(notice.publishAt, zone),
      startsAt: wall(notice.startsAt, zone),
      expires: wall(notice.expires, zone),
      title: textForm(notice.title),
      body: textForm(notice.body),
      remove: false,
    })),
    helpText: textForm(fields.helpText),
    helpUrl: fields.helpUrl ?? '',
    retryAfterSeconds:
      fields.retryAfterSeconds === undefined ? '' : String(fields.retryAfterSeconds),
    disableServiceWorker: fields.disableServiceWorker === true,
  }
}

const field = formText

const textFields = (
  body: FormBody,
  prefix: string,
  languages: readonly string[],
): TextByLanguage => {
  const text: TextByLanguage = {}
  for (const lang of ['*', ...languages]) {
    const value = field(body, `${prefix}.${lang}`)
    if (value.trim() !== '') text[lang] = value.replace(/\r\n/g, '\n')
  }
  return text
}

/**
 * The editor's fields as posted (names like `message.text.en`, `notice.0.expires`); the form has
 * one empty "new notice" at index `notices.length`, taken when it has an id or a body.
 *
 * @example
 * readScopeForm(await c.req.parseBody(), ['en', 'ru'])
 */
export function readScopeForm(body: FormBody, languages: readonly string[]): ScopeForm {
  const notices: NoticeForm[] = []
  for (let index = 0; index <= 20; index += 1) {
    const prefix = `notice.${index}`
    if (body[`${prefix}.id`] === undefined) continue
    const notice: NoticeForm = {
      id: field(body, `${prefix}.id`).trim(),
      severity: field(body, `${prefix}.severity`),
      publishAt: field(body, `${prefix}.publishAt`),
      startsAt: field(body, `${prefix}.startsAt`),
      expires: field(body, `${prefix}.expires`),
      title: textFields(body, `${prefix}.title`, languages),
      body: textFields(body, `${prefix}.body`, languages),
      remove: field(body, `${prefix}.remove`) === 'on',
    }
    const blank = notice.id === '' && Object.keys(notice.body).length === 0
    if (!blank) notices.push(notice)
  }
  return {
    message: {
      text: textFields(body, 'message.text', languages),
      severity: field(body, 'message.severity'),
      startsAt: field(body, 'message.startsAt'),
      expires: field(body, 'message.expires'),
    },
    notices,
    helpText: textFields(body, 'helpText', languages),
    helpUrl: field(body, 'helpUrl').trim(),
    retryAfterSeconds: field(body, 'retryAfterSeconds').trim(),
    disableServiceWorker: field(body, 'disableServiceWorker') === 'on',
  }
}

/** Problems found before the schema sees the document, keyed by the editor's field group. */
export type FieldErrors = Record<string, string>

export interface AppliedForm {
  text: string
  errors: FieldErrors
  /** For `messages[i]` of the new text, its index in the form (removed notices are skipped). */
  noticeFormIndex: number[]
}

/**
 * Writes a scope's fields into the document text with jsonc-parser's edits, so comments,
 * formatting and fields the editor does not show (supportEmail, oneCConfigNames, other apps)
 * stay as they were, and history diffs show only what changed. A time the admin did not touch
 * keeps its original text (and offset).
 *
 * @example
 * applyScopeForm(text, 'crm', readScopeForm(body, langs), { zone: 'Europe/Moscow', before: formFromScope(fields, zone), fields })
 */
export function applyScopeForm(
  text: string,
  app: string | null,
  form: ScopeForm,
  context: { zone: string; before: ScopeForm; fields: AppOverride },
): AppliedForm {
  const errors: FieldErrors = {}
  const base: JSONPath = app === null ? [] : ['apps', app]
  let next = text.trim() === '' ? '{}\n' : text
  const set = (path: JSONPath, value: unknown) => {
    next = setJsonValue(next, [...base, ...path], value)
  }
  const time = (
    key: string,
    wallValue: string,
    beforeWall: string,
    original: string | undefined,
  ): string | undefined => {
    if (wallValue.trim() === '') return undefined
    if (wallValue === beforeWall && original !== undefined) return original
    const iso = fromWallTime(wallValue, context.zone)
    if (iso === null) errors[key] = 'must be a date and time'
    return iso ?? undefined
  }
  const localized = (key: string, value: TextByLanguage) => {
    const { '*': any, ...byLanguage } = value
    if (any !== undefined && Object.keys(byLanguage).length > 0) {
      errors[key] =
        'write either one text for every language or one per language, not both (empty one of them)'
    }
    if (Object.keys(byLanguage).length > 0) return byLanguage
    return any
  }
  const { fields, before } = context

  set(['userMessage'], localized('message.text', form.message.text))
  set(['severity'], form.message.severity === '' ? undefined : form.message.severity)
  set(
    ['startsAt'],
    time('message.startsAt', form.message.startsAt, before.message.startsAt, fields.startsAt),
  )
  set(
    ['expires'],
    time('message.expires', form.message.expires, before.message.expires, fields.expires),
  )

  const kept = form.notices.filter((notice) => !notice.remove)
  const notices = kept.map((notice) => {
    const previous = fields.messages?.find((old) => old.id === notice.id)
    const previousForm = before.notices.find((old) => old.id === notice.id)
    const key = `notice.${form.notices.indexOf(notice)}`
    return dropUndefined({
      id: notice.id,
      severity: notice.severity,
      publishAt: time(
        `${key}.publishAt`,
        notice.publishAt,
        previousForm?.publishAt ?? '',
        previous?.publishAt,
      ),
      startsAt: time(
        `${key}.startsAt`,
        notice.startsAt,
        previousForm?.startsAt ?? '',
        previous?.startsAt,
      ),
      expires: time(
        `${key}.expires`,
        notice.expires,
        previousForm?.expires ?? '',
        previous?.expires,
      ),
      title: localized(`${key}.title`, notice.title),
      body: localized(`${key}.body`, notice.body),
    })
  })
  set(['messages'], notices.length > 0 ? notices : undefined)

  set(['helpText'], localized('helpText', form.helpText))
  set(['helpUrl'], form.helpUrl === '' ? undefined : form.helpUrl)
  let retry: number | string | undefined
  if (form.retryAfterSeconds !== '') {
    retry = /^\d+$/.test(form.retryAfterSeconds)
      ? Number(form.retryAfterSeconds)
      : form.retryAfterSeconds
  }
  set(['retryAfterSeconds'], retry)
  set(['disableServiceWorker'], form.disableServiceWorker ? true : undefined)
  return {
    text: next.endsWith('\n') ? next : `${next}\n`,
    errors,
    noticeFormIndex: kept.map((notice) => form.notices.indexOf(notice)),
  }
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/**
 * Which editor field group a schema problem belongs to (`apps.crm.messages.0.expires` in the
 * `crm` scope → `notice.0.expires`), or `null` when it is about something the editor does not show.
 *
 * @example
 * fieldForProblem('apps.crm.expires', 'crm') // 'message.expires'
 */
export function fieldForProblem(
  path: string | null,
  app: string | null,
  noticeFormIndex: readonly number[] = [],
): string | null {
  if (path === null) return null
  const prefix = app === null ? '' : `apps.${app}.`
  if (!path.startsWith(prefix)) return null
  const parts = path.slice(prefix.length).split('.')
  const [head, second, third] = parts
  switch (head) {
    case 'userMessage':
      return 'message.text'
    case 'severity':
    case 'startsAt':
    case 'expires':
      return `message.${head}`
    case 'helpText':
    case 'helpUrl':
    case 'retryAfterSeconds':
    case 'disableServiceWorker':
      return head
    case 'messages': {
      const index = second === undefined ? undefined : (noticeFormIndex[Number(second)] ?? second)
      return index === undefined
        ? 'notices'
        : third === undefined
          ? `notice.${index}.id`
          : `notice.${index}.${third}`
    }
    default:
      return null
  }
}
