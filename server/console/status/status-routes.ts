import { type Context, Hono } from 'hono'
import { HEADERS } from '../../../formats/headers.js'
import { APP_ID_PATTERN } from '../../../formats/primitives.js'
import type { StatusDocument } from '../../../formats/status-document.js'
import { UnavailableError } from '../../http/unavailable.js'
import { parseStatusText } from '../../status/parse-status-file.js'
import { resolveStatus } from '../../status/resolve-status.js'
import type { SavedDocument, StatusDocumentStorage } from '../../storage/status-document-storage.js'
import { isTimeZone } from '../console-context.js'
import type { ConsoleLanguage } from '../ui/console-strings.js'
import { type FormBody, formText } from '../ui/form-body.js'
import { problemInLanguage } from '../ui/problem-words.js'
import { conflictPage } from './conflict-page.js'
import { killSwitchConfirmPage } from './kill-switch-page.js'
import { helpPreviews } from './preview.js'
import { endOrExtend, showingWindows } from './quick-actions.js'
import {
  applyScopeForm,
  type FieldErrors,
  fieldForProblem,
  formFromScope,
  readScopeForm,
  type ScopeForm,
  scopeFields,
  scopeLanguages,
} from './status-form.js'
import { type StatusPageView, statusPage, statusPageUrl } from './status-page.js'

export interface ConsoleStatusOptions {
  storage: StatusDocumentStorage
  /** Serves a saved document at once (the API's onSaved). */
  onSaved: (saved: SavedDocument) => void
  now: () => number
  /**
   * The document users are served now (the last good version, `StatusStore.current()`), or null
   * before any good version: when the stored text is broken the editor starts from it.
   */
  served?: () => StatusDocument | null
}

/** `?scope=crm` or the posted `scope`: an app id, or null for every app; undefined if malformed. */
function readScope(value: string | undefined): string | null | undefined {
  if (value === undefined || value === '') return null
  return APP_ID_PATTERN.test(value) ? value : undefined
}

/**
 * The console's status pages: `GET /status` (now, editor, previews), `POST /status/preview`
 * (the draft's previews and problems; JSON for the page's script), `POST /status/save`
 * (If-Match by the form's etag; conflict view; kill switch confirmation), `POST /status/end`
 * and `POST /status/extend` (applied to the current document in one compare-and-swap).
 *
 * @example
 * consoleRoutes.route('/', consoleStatusRoutes({ storage, onSaved, now: Date.now }))
 */
export function consoleStatusRoutes(options: ConsoleStatusOptions): Hono {
  const { storage, now } = options
  const routes = new Hono()

  const current = async () => {
    const read = await storage.read()
    const stored = read.text ?? '{}\n'
    const parsed = parseStatusText(stored)
    const problem = read.problem ?? (parsed.ok ? null : (parsed.problems[0]?.message ?? null))
    // A file that cannot be read (UTF-16, too large) has no text: it is broken, not empty.
    const broken = !parsed.ok || read.problem !== null
    // A broken file is never the base of an edit: the editor starts from what users see now
    // (null before any good version), and a save replaces the broken file (If-Match: its etag).
    /** The document the editor starts from, `null` when there is none. */
    const valid: StatusDocument | null =
      !broken && parsed.ok ? parsed.document : (options.served?.() ?? null)
    const text = broken ? `${JSON.stringify(valid ?? {}, null, 2)}\n` : stored
    return { text, etag: read.etag, document: valid ?? {}, valid, problem, broken }
  }

  /** Everything the page shows, for the stored document or a draft of it. */
  const view = (
    c: Context,
    scope: string | null,
    state: Awaited<ReturnType<typeof current>>,
    draft?: {
      form: ScopeForm
      valid: StatusDocument | null
      errors: FieldErrors
      general: string[]
    },
  ): StatusPageView => {
    const request = c.get('console')
    const fields = scopeFields(state.document, scope)
    const nowMs = now()
    return {
      scope,
      apps: Object.keys(state.document.apps ?? {}),
      now: resolveStatus(state.document, { app: scope, lang: request.lang, now: nowMs }, ''),
      form: draft?.form ?? formFromScope(fields, request.timeZone),
      languages: scopeLanguages(fields),
      errors: draft?.errors ?? {},
      general: draft?.general ?? [],
      fileProblem: state.broken
        ? request.t(state.valid !== null ? 'broken_file_last_good' : 'broken_file_no_good', {
            problem: state.problem ?? '',
          })
        : null,
      etag: state.etag,
      previews: helpPreviews(draft ? draft.valid : state.valid, scope, ['en', 'ru'], nowMs),
      nowMs,
      canEnd: showingWindows(state.document, scope, 'end', nowMs).length > 0,
      canExtend: showingWindows(state.document, scope, 'extend', nowMs).length > 0,
    }
  }

  /** The posted editor applied to `base`, with every problem at its field. */
  const draftOf = (
    body: FormBody,
    scope: string | null,
    base: Awaited<ReturnType<typeof current>>,
    zone: string,
    lang: ConsoleLanguage = 'en',
  ) => {
    const fields = scopeFields(base.document, scope)
    const languages = scopeLanguages(fields)
    const form = readScopeForm(body, languages)
    const before = formFromScope(fields, zone)
    const applied = applyScopeForm(base.text, scope, form, { zone, before, fields })
    const errors: FieldErrors = { ...applied.errors }
    const general: string[] = []
    const parsed = parseStatusText(applied.text)
    if (!parsed.ok) {
      for (const problem of parsed.problems) {
        const field = fieldForProblem(problem.path, scope, applied.noticeFormIndex)
        if (field === null) general.push(`${problem.path ?? ''}: ${problem.message}`)
        else errors[field] ??= problem.message
      }
    }
    for (const [field, message] of Object.entries(errors)) {
      errors[field] = problemInLanguage(message, lang)
    }
    const valid = parsed.ok ? parsed.document : null
    return { form, text: applied.text, valid, errors, general }
  }

  const zoneOf = (c: Context, body: FormBody) => {
    const posted = formText(body, 'timeZone')
    return isTimeZone(posted) ? posted : c.get('console').timeZone
  }

  routes.get('/status', async (c) => {
    const scope = readScope(c.req.query('scope'))
    if (scope === undefined) return c.redirect(`${c.get('console').base}/status`, 303)
    const state = await current()
    const { t } = c.get('console')
    const flash =
      {
        saved: t('saved'),
        ended: t('ended'),
        extended: t('extended'),
        restored: t('restored'),
        'nothing-to-end': t('nothing_to_end'),
        'nothing-to-extend': t('nothing_to_extend'),
      }[c.req.query('done') ?? ''] ?? null
    return c.html(statusPage(c.get('console'), { ...view(c, scope, state), flash }))
  })

  routes.post('/status/preview', async (c) => {
    const body = await c.req.parseBody()
    const scope = readScope(formText(body, 'scope')) ?? null
    const state = await current()
    const draft = draftOf(body, scope, state, zoneOf(c, body), c.get('console').lang)
    const page = view(c, scope, state, draft)
    if (c.req.header('accept')?.includes('application/json')) {
      return c.json({ errors: draft.errors, general: draft.general, previews: page.previews })
    }
    return c.html(statusPage(c.get('console'), page))
  })

  routes.post('/status/save', async (c) => {
    const request = c.get('console')
    const body = await c.req.parseBody()
    const scope = readScope(formText(body, 'scope')) ?? null
    const zone = zoneOf(c, body)
    const state = await current()
    const postedEtag = formText(body, 'etag')
    // Someone saved after this page was read: show what they saved beside mine.
    const conflict = (theirs: Awaited<ReturnType<typeof current>>) =>
      c.html(
        conflictPage(request, {
          scope,
          body,
          theirs: theirs.text,
          yours: draftOf(body, scope, theirs, zone).text,
          etag: theirs.etag,
        }),
        409,
      )
    if (state.etag !== null && postedEtag !== state.etag) return conflict(state)
    // No good version to start from: an edit would be built from an empty form.
    if (state.valid === null) {
      return c.html(statusPage(request, view(c, scope, state)), 409)
    }
    const draft = draftOf(body, scope, state, zone, request.lang)
    if (Object.keys(draft.errors).length > 0 || draft.general.length > 0) {
      return c.html(statusPage(request, view(c, scope, state, draft)), 400)
    }
    const before = scopeFields(state.document, scope).disableServiceWorker === true
    if (draft.form.disableServiceWorker && !before && body.killConfirmed !== 'yes') {
      return c.html(killSwitchConfirmPage(request, { scope, body }))
    }
    const outcome = await save(c, state.etag, draft.text)
    // Someone saved between our read and our write.
    if (outcome === 'conflict') return conflict(await current())
    if (outcome !== 'saved') return outcome
    return c.redirect(statusPageUrl(request.base, scope, 'saved'), 303)
  })

  for (const action of ['end', 'extend'] as const) {
    routes.post(`/status/${action}`, async (c) => {
      const request = c.get('console')
      const body = await c.req.parseBody()
      const scope = readScope(formText(body, 'scope')) ?? null
      let changed = false
      const result = await guarded(c, () =>
        storage.edit(
          (doc) => {
            const next = endOrExtend(doc.text ?? '{}\n', scope, action, now(), request.timeZone)
            changed = next !== null
            return next === null ? { conflict: 'nothing to change' } : { text: next }
          },
          now(),
          request.session?.label,
        ),
      )
      if (result instanceof Response) return result
      if (result.ok) options.onSaved(result.saved)
      const done = changed ? (action === 'end' ? 'ended' : 'extended') : `nothing-to-${action}`
      return c.redirect(statusPageUrl(request.base, scope, done), 303)
    })
  }

  /** One compare-and-swap save; 'saved', or the page to answer instead. */
  const save = async (
    c: Context,
    etag: string | null,
    text: string,
  ): Promise<'saved' | 'conflict' | Response> => {
    const author = c.get('console').session?.label
    const result = await guarded(c, () =>
      storage.edit(
        (doc) => (doc.etag === etag ? { text } : { conflict: 'changed' }),
        now(),
        author,
      ),
    )
    if (result instanceof Response) return result
    if (!result.ok) return 'conflict'
    options.onSaved(result.saved)
    return 'saved'
  }

  /** Storage outages become a page that says so (the admin's edit is still in the browser). */
  const guarded = async <T>(c: Context, run: () => Promise<T>): Promise<T | Response> => {
    try {
      return await run()
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error
      const request = c.get('console')
      const message = request.t('store_unavailable', { reason: error.message })
      c.header(HEADERS.retryAfter, String(error.retryAfterSeconds))
      const state = await current().catch(() => null)
      if (state === null) return c.text(message, 503)
      return c.html(
        statusPage(request, { ...view(c, null, state), flash: null, general: [message] }),
        503,
      )
    }
  }

  return routes
}
