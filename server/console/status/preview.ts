import type { StatusDocument } from '../../../formats/status-document.js'
import { PATHS } from '../../../formats/status-url.js'
import { serverPageModel } from '../../../help-page/page-model.js'
import { renderHelpDocument } from '../../../help-page/render-document.js'
import { resolveStatus } from '../../status/resolve-status.js'

/** One preview frame: the help page in one language at one time. */
export interface HelpPreview {
  lang: string
  /** When it shows (ms); `null` for now. */
  atMs: number | null
  html: string
}

/**
 * The help page a user of `app` would get at a failed login, rendered by the same module the
 * service worker uses (`renderHelpDocument`) from a draft document: now, and when the next
 * announced notice starts. Static (no script): the preview must not take the editor's focus.
 * An invalid draft (`null`) has no preview (its problems are shown instead).
 *
 * @example
 * helpPreviews(draftDocument, 'crm', ['en', 'ru'], Date.now()).map((p) => p.html)
 */
export function helpPreviews(
  document: StatusDocument | null,
  app: string | null,
  languages: readonly string[],
  nowMs: number,
): HelpPreview[] {
  if (document === null) return []
  const upcomingStarts = (
    resolveStatus(document, { app, lang: 'en', now: nowMs }, '').messages ?? []
  )
    .filter((notice) => notice.state === 'upcoming' && notice.startsAt !== null)
    .map((notice) => Date.parse(notice.startsAt as string))
  const next = upcomingStarts.length > 0 ? Math.min(...upcomingStarts) : null
  const times = next === null ? [null] : [null, next]
  return languages.flatMap((lang) =>
    times.map((atMs) => {
      const at = atMs ?? nowMs
      const status = resolveStatus(document, { app, lang, now: at }, new Date(nowMs).toISOString())
      const model = serverPageModel({
        status,
        lang,
        // What a user of the app sees at a failed login: the proxy answered 503.
        failure: {
          kind: 'http-error',
          url: '/',
          method: 'GET',
          status: 503,
          durationMs: 40,
          at: new Date(at).toISOString(),
          errorCode: 'http-503',
        },
        serviceWorkerState: 'controlling',
      })
      const html = renderHelpDocument(
        model,
        { scriptUrl: '', styleUrl: `${PATHS.help}/assets/help-page.css` },
        { nowMs: at, interactive: false },
      )
      return { lang, atMs, html }
    }),
  )
}
