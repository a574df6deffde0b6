import { Hono } from 'hono'
import { diffLines } from '../../status/diff-versions.js'
import { restoreVersion } from '../../storage/restore-version.js'
import {
  CURRENT_VERSION_ID,
  type DocumentVersion,
  type SavedDocument,
  type StatusDocumentStorage,
} from '../../storage/status-document-storage.js'
import type { ConsoleRequest } from '../console-context.js'
import { diffView } from '../ui/diff-view.js'
import { formText } from '../ui/form-body.js'
import { type Html, html } from '../ui/html.js'
import { consolePage, csrfField } from '../ui/layout.js'
import { describeInstant } from '../ui/zoned-time.js'

export interface ConsoleHistoryOptions {
  storage: StatusDocumentStorage
  onSaved: (saved: SavedDocument) => void
  now: () => number
}

/**
 * History pages: `GET /history` (every version with who and when), `GET /history/:id` (its diff
 * against the current one, and Restore), `POST /history/:id/restore` (a new version with the old
 * text, compare-and-swap on the current version the page showed).
 *
 * @example
 * routes.route('/', consoleHistoryRoutes({ storage, onSaved, now: Date.now }))
 */
export function consoleHistoryRoutes(options: ConsoleHistoryOptions): Hono {
  const { storage, now } = options
  const routes = new Hono()

  routes.get('/history', async (c) => {
    const request = c.get('console')
    const versions = await storage.versions()
    return c.html(historyPage(request, versions, now(), flashOf(request, c.req.query('done'))))
  })

  routes.get('/history/:id', async (c) => {
    const request = c.get('console')
    const [version, current] = await Promise.all([
      storage.version(c.req.param('id')),
      storage.version(CURRENT_VERSION_ID),
    ])
    if (!version) return c.html(notFound(request), 404)
    return c.html(versionPage(request, version, current, now(), null))
  })

  routes.post('/history/:id/restore', async (c) => {
    const request = c.get('console')
    const body = await c.req.parseBody()
    const result = await restoreVersion(
      storage,
      c.req.param('id'),
      formText(body, 'etag'),
      request.session?.label ?? 'admin',
      now(),
    )
    if (result.ok) {
      options.onSaved(result.saved)
      return c.redirect(`${request.base}/history?done=restored`, 303)
    }
    if (result.reason === 'not-found') return c.html(notFound(request), 404)
    // Someone saved meanwhile (or the old version no longer passes the schema): show it again
    // against what is current now, with the reason.
    const version = await storage.version(c.req.param('id'))
    const current = await storage.version(CURRENT_VERSION_ID)
    if (!version) return c.html(notFound(request), 404)
    return c.html(versionPage(request, version, current, now(), result.message), 409)
  })

  return routes
}

function flashOf(request: ConsoleRequest, done: string | undefined): string | null {
  return done === 'restored' ? request.t('restored') : null
}

function when(request: ConsoleRequest, iso: string | null, nowMs: number): string {
  if (iso === null) return '—'
  return describeInstant(Date.parse(iso), {
    zone: request.timeZone,
    lang: request.lang,
    nowMs,
    t: request.t,
  })
}

function historyPage(
  request: ConsoleRequest,
  versions: readonly DocumentVersion[],
  nowMs: number,
  flash: string | null,
): Html {
  const { t, base } = request
  const body =
    versions.length === 0
      ? html`<p>${t('no_history')}</p>`
      : html`<p>${t('history_intro')}</p>
<table>
<caption class="visually-hidden">${t('history_title')}</caption>
<thead><tr><th scope="col">${t('col_saved_at')}</th><th scope="col">${t('col_saved_by')}</th><th scope="col">${t('col_size')}</th><th scope="col"><span class="visually-hidden">${t('view_diff')}</span></th></tr></thead>
<tbody>
${versions.map(
  (version) => html`<tr>
<td>${when(request, version.savedAt ?? version.replacedAt, nowMs)}${version.current ? html` <strong>(${t('current')})</strong>` : ''}</td>
<td>${version.savedBy ?? t('unknown_author')}</td>
<td>${new TextEncoder().encode(version.text).length} B</td>
<td>${version.current ? '' : html`<a href="${base}/history/${version.id}">${t('view_diff')}</a>`}</td>
</tr>`,
)}
</tbody>
</table>`
  return consolePage(request, { title: t('history_title'), section: 'history', body, flash })
}

function versionPage(
  request: ConsoleRequest,
  version: DocumentVersion,
  current: DocumentVersion | null,
  nowMs: number,
  alert: string | null,
): Html {
  const { t, base } = request
  const title = t('diff_title', {
    time: when(request, version.savedAt ?? version.replacedAt, nowMs),
  })
  const body = html`<p>${t('col_saved_by')}: ${version.savedBy ?? t('unknown_author')}</p>
<p class="hint">${t('diff_legend')}</p>
${diffView(diffLines(version.text, current?.text ?? ''))}
${
  version.current
    ? ''
    : html`<form method="post" action="${base}/history/${version.id}/restore" id="restore">
${csrfField(request)}
<input type="hidden" name="etag" value="${current?.etag ?? ''}">
<div class="actions"><button type="submit" class="primary">${t('restore')}</button>
<a href="${base}/history">${t('nav_history')}</a></div>
</form>`
}`
  return consolePage(request, { title, section: 'history', body, alert })
}

function notFound(request: ConsoleRequest): Html {
  const { t, base } = request
  return consolePage(request, {
    title: t('not_found'),
    section: 'history',
    body: html`<p><a href="${base}/history">${t('nav_history')}</a></p>`,
  })
}
