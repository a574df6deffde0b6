import type { ConsoleRequest } from './console-context.js'
import type { FormBody } from './form-body.js'
import { type Html, html } from './html.js'
import { consolePage } from './layout.js'

/**
 * Posts the same form again as hidden fields: a confirmation step loses nothing the admin typed.
 *
 * @example
 * html`<form method="post">${repost(body, ['killConfirmed'])}…</form>`
 */
export function repost(body: FormBody, skip: readonly string[] = []): Html {
  return html`${Object.entries(body)
    .filter(([name]) => !skip.includes(name))
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((item) => [name, item] as const),
    )
    .filter(([, value]) => typeof value === 'string')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value as string}">`)}`
}

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
<a href="${base}/status${view.scope === null ? '' : `?scope=${view.scope}`}">${t('cancel')}</a>
</div>
</form>`
  return consolePage(request, { title: t('kill_confirm_title'), section: 'status', body })
}
