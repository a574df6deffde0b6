import type { ConsoleRequest } from '../console-context.js'
import type { FormBody } from '../ui/form-body.js'
import { repost } from '../ui/form-fields.js'
import { type Html, html } from '../ui/html.js'
import { consolePage } from '../ui/layout.js'
import { statusPageUrl } from './status-page.js'

/**
 * "Turn the kill switch on?": says what it does to users, then saves on "Yes" or goes back.
 *
 * @example
 * c.html(killSwitchConfirmPage(request, { scope: 'crm', body }))
 */
export function killSwitchConfirmPage(
  request: ConsoleRequest,
  view: { scope: string | null; body: FormBody },
): Html {
  const { t, base } = request
  const scopeName = view.scope === null ? t('scope_all') : t('scope_app', { app: view.scope })
  const body = html`<p class="alert">${t('kill_confirm_body', { scope: scopeName })}</p>
<form method="post" action="${base}/status/save" id="kill-confirm">
${repost(view.body, ['killConfirmed'])}
<input type="hidden" name="killConfirmed" value="yes">
<div class="actions">
<button type="submit" class="danger">${t('kill_confirm_yes')}</button>
<a href="${statusPageUrl(base, view.scope)}">${t('cancel')}</a>
</div>
</form>`
  return consolePage(request, { title: t('kill_confirm_title'), section: 'status', body })
}
