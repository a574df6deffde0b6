import { SEVERITIES } from '../../../formats/primitives.js'
import type { ResolvedStatus } from '../../../formats/resolved-status.js'
import type { ConsoleRequest } from '../console-context.js'
import type { ConsoleStringKey } from '../ui/console-strings.js'
import { checkbox, fieldId, input, localizedText, select } from '../ui/form-fields.js'
import { type Html, html } from '../ui/html.js'
import { consolePage, csrfField } from '../ui/layout.js'
import { describeInstant } from '../ui/zoned-time.js'
import type { HelpPreview } from './preview.js'
import type { FieldErrors, ScopeForm } from './status-form.js'

export interface StatusPageView {
  scope: string | null
  apps: readonly string[]
  /** What users of the scope see now, in the console's language. */
  now: ResolvedStatus
  form: ScopeForm
  languages: readonly string[]
  errors: FieldErrors
  /** Problems that belong to no field of the editor. */
  general: readonly string[]
  etag: string | null
  previews: readonly HelpPreview[]
  nowMs: number
  /** Whether End / Extend would change something in this scope now (else the buttons are left out). */
  canEnd: boolean
  canExtend: boolean
  flash?: string | null
  /** The stored file cannot be used (typo, UTF-16, too large): what the editor does about it. */
  fileProblem?: string | null
}

/**
 * The status page of a scope (every app: no `scope`), optionally with what was just done.
 *
 * @example
 * statusPageUrl('/admin', 'crm', 'saved') // '/admin/status?scope=crm&done=saved'
 */
export function statusPageUrl(base: string, scope: string | null, done?: string): string {
  const query = [scope === null ? null : `scope=${scope}`, done ? `done=${done}` : null]
    .filter(Boolean)
    .join('&')
  return `${base}/status${query ? `?${query}` : ''}`
}

/**
 * The status page: what users see now with the incident buttons, the editor of one scope, and
 * the help page previews beside it.
 *
 * @example
 * c.html(statusPage(c.get('console'), view))
 */
export function statusPage(request: ConsoleRequest, view: StatusPageView): Html {
  const { t } = request
  const scopeName = view.scope === null ? t('scope_all') : t('scope_app', { app: view.scope })
  const errorCount = Object.keys(view.errors).length + view.general.length
  const body = html`${scopeNav(request, view)}
${nowSection(request, view)}
<div class="editor-grid">
<section aria-labelledby="edit-heading" class="editor">
<h2 id="edit-heading">${t('edit_title', { scope: scopeName })}</h2>
${view.fileProblem ? html`<p class="alert" role="alert">${view.fileProblem}</p>` : ''}
${errorCount > 0 ? errorSummary(request, view, errorCount) : ''}
${editorForm(request, view)}
</section>
${previewSection(request, view)}
</div>`
  return consolePage(request, {
    title: t('status_title'),
    section: 'status',
    body,
    flash: view.flash ?? null,
  })
}

function scopeNav(request: ConsoleRequest, view: StatusPageView): Html {
  const { t, base } = request
  const scopes: (string | null)[] = [null, ...view.apps]
  if (view.scope !== null && !view.apps.includes(view.scope)) scopes.push(view.scope)
  return html`<nav aria-label="${t('scope_label')}" class="scopes"><ul>
${scopes.map(
  (scope) =>
    html`<li><a href="${statusPageUrl(base, scope)}"${scope === view.scope ? html` aria-current="page"` : ''}>${scope === null ? t('scope_all') : scope}</a></li>`,
)}
</ul>
<form method="get" action="${base}/status" class="inline">
<label for="new-scope">${t('filter_app')}</label>
<input id="new-scope" name="scope" pattern="[a-z0-9][a-z0-9_\\-]{0,63}" size="12" required>
<button type="submit">${t('edit')}</button>
</form>
</nav>`
}

function nowSection(request: ConsoleRequest, view: StatusPageView): Html {
  const { t, base } = request
  const notices = view.now.messages ?? []
  const when = (iso: string | null) =>
    iso === null
      ? ''
      : describeInstant(Date.parse(iso), {
          zone: request.timeZone,
          lang: request.lang,
          nowMs: view.nowMs,
          t,
        })
  const quick = (action: 'end' | 'extend', label: string) =>
    html`<form method="post" action="${base}/status/${action}" class="inline">${csrfField(request)}<input type="hidden" name="scope" value="${view.scope ?? ''}"><button type="submit"${action === 'end' ? html` class="danger"` : ''}>${label}</button></form>`
  return html`<section aria-labelledby="now-heading" class="now">
<h2 id="now-heading">${t('now_heading')}</h2>
${view.now.disableServiceWorker ? html`<p class="alert">${t('kill_on')}</p>` : ''}
${
  notices.length === 0
    ? html`<p>${t('nothing_now')}</p>`
    : html`<ul class="notices">${notices.map(
        (notice) => html`<li class="notice severity-${notice.severity ?? 'info'}">
<p class="label">${t(notice.state === 'active' ? 'state_active' : 'state_upcoming')} · ${t(`severity_${notice.severity ?? 'info'}` as ConsoleStringKey)}</p>
${notice.title ? html`<p><strong>${notice.title}</strong></p>` : ''}
<p>${notice.body}</p>
<dl class="window">
${notice.startsAt ? html`<dt>${t('field_starts')}</dt><dd>${when(notice.startsAt)}</dd>` : ''}
${notice.expires ? html`<dt>${t('field_ends')}</dt><dd>${when(notice.expires)}</dd>` : ''}
</dl>
</li>`,
      )}</ul>`
}
${view.canEnd || view.canExtend ? html`<div class="actions">${view.canEnd ? quick('end', t('end_now')) : ''}${view.canExtend ? quick('extend', t('extend')) : ''}</div>` : ''}
</section>`
}

function errorSummary(request: ConsoleRequest, view: StatusPageView, count: number): Html {
  const { t } = request
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h3>${t('errors_heading', { count })}</h3>
<ul>
${Object.entries(view.errors).map(
  ([name, message]) =>
    html`<li><a href="#${fieldId(name)}">${fieldLabel(request, name)}: ${message}</a></li>`,
)}
${view.general.map((message) => html`<li>${message}</li>`)}
</ul>
</div>`
}

/** The words an admin sees for a field group (`notice.0.expires` → "Notice 1: Ends at"). */
function fieldLabel(request: ConsoleRequest, name: string): string {
  const { t } = request
  const labels: Record<string, string> = {
    text: t('legend_text'),
    title: t('legend_title'),
    body: t('legend_text'),
    severity: t('field_severity'),
    publishAt: t('field_publish'),
    startsAt: t('field_starts'),
    expires: t('field_ends'),
    id: t('field_id'),
    helpText: t('legend_help_text'),
    helpUrl: t('field_help_url'),
    retryAfterSeconds: t('field_retry'),
    disableServiceWorker: t('field_kill'),
    notices: t('notices_heading'),
  }
  const parts = name.split('.')
  const last = labels[parts.at(-1) ?? ''] ?? name
  if (parts[0] === 'notice') return `${t('notice_short', { n: Number(parts[1]) + 1 })}: ${last}`
  if (parts[0] === 'message') return `${t('message_heading')}: ${last}`
  return last
}

function severityChoices(request: ConsoleRequest, withNone: boolean) {
  const { t } = request
  const choices = SEVERITIES.map(
    (severity) => [severity, t(`severity_${severity}` as ConsoleStringKey)] as const,
  )
  return withNone ? [['', t('severity_none')] as const, ...choices] : choices
}

function editorForm(request: ConsoleRequest, view: StatusPageView): Html {
  const { t, base } = request
  const { form, errors, languages } = view
  const timeHint = t('time_hint', { zone: request.timeZone })
  const time = (name: string, label: string, value: string) =>
    input({ name, label, value, type: 'datetime-local', error: errors[name], hint: timeHint })
  const text = (
    name: string,
    legend: string,
    value: ScopeForm['helpText'],
    key: ConsoleStringKey,
  ) =>
    localizedText({
      name,
      legend,
      value,
      languages,
      label: (lang) => t(key, { lang }),
      anyLabel: t('field_text_any'),
      error: errors[name],
      rows: 3,
    })
  const notices = [...form.notices, null]
  return html`<form method="post" action="${base}/status/save" id="editor" novalidate>
${csrfField(request)}
<input type="hidden" name="scope" value="${view.scope ?? ''}">
<input type="hidden" name="etag" value="${view.etag ?? ''}">
<input type="hidden" name="timeZone" value="${request.timeZone}">
<fieldset><legend>${t('message_heading')}</legend>
<p class="hint">${t('message_hint')}</p>
${text('message.text', t('legend_text'), form.message.text, 'field_text')}
${select({ name: 'message.severity', label: t('field_severity'), value: form.message.severity, choices: severityChoices(request, true), error: errors['message.severity'] })}
${time('message.startsAt', t('field_starts'), form.message.startsAt)}
${time('message.expires', t('field_ends'), form.message.expires)}
</fieldset>
<fieldset id="${fieldId('notices')}"><legend>${t('notices_heading')}</legend>
<p class="hint">${t('notices_hint')}</p>
${errors.notices ? html`<p class="field-error">${errors.notices}</p>` : ''}
${notices.map((notice, index) => {
  const key = `notice.${index}`
  const value = notice ?? {
    id: '',
    severity: 'maintenance',
    publishAt: '',
    startsAt: '',
    expires: '',
    title: {},
    body: {},
    remove: false,
  }
  const legend = notice === null ? t('new_notice') : t('notice_n', { n: index + 1, id: notice.id })
  return html`<fieldset class="notice-form"><legend>${legend}</legend>
${input({ name: `${key}.id`, label: t('field_id'), value: value.id, error: errors[`${key}.id`] })}
${select({ name: `${key}.severity`, label: t('field_severity'), value: value.severity, choices: severityChoices(request, false), error: errors[`${key}.severity`] })}
${time(`${key}.publishAt`, t('field_publish'), value.publishAt)}
${time(`${key}.startsAt`, t('field_starts'), value.startsAt)}
${time(`${key}.expires`, t('field_ends'), value.expires)}
${text(`${key}.title`, t('legend_title'), value.title, 'field_title')}
${text(`${key}.body`, t('legend_text'), value.body, 'field_text')}
${notice === null ? '' : checkbox({ name: `${key}.remove`, label: t('remove_notice'), checked: value.remove })}
</fieldset>`
})}
</fieldset>
<fieldset><legend>${t('help_heading')}</legend>
${view.scope === null ? '' : html`<p class="hint">${t('inherit_hint')}</p>`}
${text('helpText', t('legend_help_text'), form.helpText, 'field_help_text')}
${input({ name: 'helpUrl', label: t('field_help_url'), value: form.helpUrl, type: 'url', error: errors.helpUrl })}
${input({ name: 'retryAfterSeconds', label: t('field_retry'), value: form.retryAfterSeconds, type: 'number', error: errors.retryAfterSeconds, attributes: html` min="1" max="86400" step="1"` })}
</fieldset>
<fieldset><legend>${t('kill_heading')}</legend>
${checkbox({ name: 'disableServiceWorker', label: t('field_kill'), checked: form.disableServiceWorker, hint: t('kill_hint'), error: errors.disableServiceWorker })}
</fieldset>
<div class="actions">
<button type="submit" name="intent" value="preview" formaction="${base}/status/preview">${t('preview_button')}</button>
<button type="submit" name="intent" value="save" class="primary">${t('save')}</button>
</div>
</form>`
}

function previewSection(request: ConsoleRequest, view: StatusPageView): Html {
  const { t } = request
  return html`<section aria-labelledby="preview-heading" class="preview" id="preview">
<h2 id="preview-heading">${t('preview_heading')}</h2>
<div class="frames">
${view.previews.map((preview) => {
  const caption =
    preview.atMs === null
      ? t('preview_now', { lang: preview.lang })
      : t('preview_at', {
          lang: preview.lang,
          time: describeInstant(preview.atMs, {
            zone: request.timeZone,
            lang: request.lang,
            nowMs: view.nowMs,
            t,
          }),
        })
  return html`<figure>
<figcaption>${caption}</figcaption>
<iframe sandbox="allow-same-origin" title="${t('preview_frame', { caption })}" srcdoc="${preview.html}"></iframe>
</figure>`
})}
</div>
</section>`
}
