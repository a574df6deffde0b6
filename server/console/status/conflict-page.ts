import { diffLines } from '../../status/diff-versions.js'
import type { ConsoleRequest } from '../console-context.js'
import { diffView } from '../ui/diff-view.js'
import type { FormBody } from '../ui/form-body.js'
import { repost } from '../ui/form-fields.js'
import { type Html, html } from '../ui/html.js'
import { consolePage } from '../ui/layout.js'
import { statusPageUrl } from './status-page.js'

/**
 * "Someone saved while you were editing": both versions side by side; keep theirs (open the page
 * again) or save mine over theirs (the same form applied to their version: their changes to
 * other apps and fields stay, this scope's fields become mine).
 *
 * @example
 * c.html(conflictPage(request, { scope, body, theirs, yours, etag }), 409)
 */
export function conflictPage(
  request: ConsoleRequest,
  view: {
    scope: string | null
    body: FormBody
    theirs: string
    yours: string
    etag: string | null
  },
): Html {
  const { t, base } = request
  const back = statusPageUrl(base, view.scope)
  const body = html`<p>${t('conflict_intro')}</p>
<h2>${t('conflict_diff')}</h2>
<p class="hint">${t('conflict_diff_legend')}</p>
${diffView(diffLines(view.theirs, view.yours))}
<div class="versions">
<section aria-labelledby="theirs-heading"><h2 id="theirs-heading">${t('conflict_theirs')}</h2><pre tabindex="0">${view.theirs}</pre></section>
<section aria-labelledby="yours-heading"><h2 id="yours-heading">${t('conflict_yours')}</h2><pre tabindex="0">${view.yours}</pre></section>
</div>
<div class="actions">
<a class="button" href="${back}">${t('conflict_keep_theirs')}</a>
<form method="post" action="${base}/status/save" class="inline" id="save-mine">
${repost(view.body, ['etag'])}
<input type="hidden" name="etag" value="${view.etag ?? ''}">
<button type="submit" class="primary">${t('conflict_save_mine')}</button>
</form>
</div>`
  return consolePage(request, { title: t('conflict_title'), section: 'status', body })
}
