import type { FormBody } from './form-body.js'
import { type Html, html } from './html.js'

/** A text in several languages as the form holds it; `*` is the text for every language. */
export type TextByLanguage = Record<string, string>

/** Field ids are derived from names: `notice.0.expires` → `f-notice-0-expires`. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`

const errorId = (name: string) => `${fieldId(name)}-error`

/** The inline problem under a field, linked to it with aria-describedby. */
function fieldError(name: string, error: string | undefined): Html {
  return error ? html`<p class="field-error" id="${errorId(name)}">${error}</p>` : html``
}

function describedBy(name: string, error: string | undefined, hint: string | null): Html {
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? errorId(name) : null].filter(Boolean)
  return ids.length > 0
    ? html` aria-describedby="${ids.join(' ')}"${error ? html` aria-invalid="true"` : ''}`
    : html``
}

export interface InputOptions {
  name: string
  label: string
  value: string
  error?: string | undefined
  hint?: string | null
  type?: 'text' | 'url' | 'datetime-local' | 'number' | 'search' | 'date'
  /** Extra attributes the browser checks before posting (`min="1"`…), as trusted markup. */
  attributes?: Html
}

/**
 * A labelled input with its hint and inline error.
 *
 * @example
 * input({ name: 'helpUrl', label: 'Help link', value: form.helpUrl, error: errors.helpUrl, type: 'url' })
 */
export function input(options: InputOptions): Html {
  const { name, error } = options
  const hint = options.hint ?? null
  return html`<div class="field">
<label for="${fieldId(name)}">${options.label}</label>
${hint ? html`<p class="hint" id="${fieldId(name)}-hint">${hint}</p>` : ''}
<input id="${fieldId(name)}" name="${name}" type="${options.type ?? 'text'}" value="${options.value}"${options.attributes ?? ''}${describedBy(name, error, hint)}>
${fieldError(name, error)}
</div>`
}

/**
 * A labelled select; `choices` are [value, label] pairs.
 *
 * @example
 * select({ name: 'message.severity', label: 'Severity', value: 'outage', choices: [['outage', 'Outage']] })
 */
export function select(options: {
  name: string
  label: string
  value: string
  choices: readonly (readonly [string, string])[]
  error?: string | undefined
}): Html {
  const { name, error } = options
  return html`<div class="field">
<label for="${fieldId(name)}">${options.label}</label>
<select id="${fieldId(name)}" name="${name}"${describedBy(name, error, null)}>
${options.choices.map(([value, label]) => html`<option value="${value}"${value === options.value ? html` selected` : ''}>${label}</option>`)}
</select>
${fieldError(name, error)}
</div>`
}

/**
 * A text in several languages: one textarea per language (and one for every language when the
 * document has a plain string), in a fieldset whose legend names it; the group's error under it.
 *
 * @example
 * localizedText({ name: 'message.text', legend: 'Text', value: form.message.text, languages: ['en', 'ru'], label: (l) => `Text (${l})`, anyLabel: 'Text (every language)' })
 */
export function localizedText(options: {
  name: string
  legend: string
  value: TextByLanguage
  languages: readonly string[]
  label: (lang: string) => string
  anyLabel: string
  error?: string | undefined
  rows?: number
}): Html {
  const { name, value, error } = options
  const langs = [...(value['*'] !== undefined ? ['*'] : []), ...options.languages]
  return html`<fieldset class="localized" id="${fieldId(name)}">
<legend>${options.legend}</legend>
${langs.map((lang) => {
  const field = `${name}.${lang}`
  return html`<div class="field">
<label for="${fieldId(field)}">${lang === '*' ? options.anyLabel : options.label(lang)}</label>
<textarea id="${fieldId(field)}" name="${field}" rows="${options.rows ?? 2}"${lang === '*' ? '' : html` lang="${lang}"`}${describedBy(name, error, null)}>${value[lang] ?? ''}</textarea>
</div>`
})}
${fieldError(name, error)}
</fieldset>`
}

/**
 * A checkbox with its hint.
 *
 * @example
 * checkbox({ name: 'disableServiceWorker', label: 'Kill switch', checked: true, hint: '…' })
 */
export function checkbox(options: {
  name: string
  label: string
  checked: boolean
  hint?: string
  error?: string | undefined
}): Html {
  const { name, error } = options
  const hint = options.hint ?? null
  return html`<div class="field checkbox">
<input id="${fieldId(name)}" name="${name}" type="checkbox"${options.checked ? html` checked` : ''}${describedBy(name, error, hint)}>
<label for="${fieldId(name)}">${options.label}</label>
${hint ? html`<p class="hint" id="${fieldId(name)}-hint">${hint}</p>` : ''}
${fieldError(name, error)}
</div>`
}

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
