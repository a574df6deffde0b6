import type { HelpModel } from '../formats/help-model.js'
import { isAllowedUrl } from '../formats/primitives.js'
import { helpPageNotices, type NoticeView } from './notices.js'
import { chooseLanguage, stringsFor } from './strings.js'
import { backByFor, causeFor, titleFor } from './title.js'

/** The id of the `<script type="application/json">` that carries the model into the page. */
export const HELP_MODEL_ELEMENT_ID = 'startup-help-model'

export interface HelpDocumentAssets {
  /** The help page's script (`help-page.js`), same origin so `script-src 'self'` allows it. */
  scriptUrl: string
  styleUrl: string
}

export interface RenderOptions {
  /** The clock of the text (ms since epoch); default now. The admin console previews a later time. */
  nowMs?: number
  /** `false` leaves the script out: the static page alone (the console's preview, which must not take focus). */
  interactive?: boolean
}

/**
 * The complete HTML of the help page: the model embedded as JSON for the script, and the title,
 * message, help text and help link as escaped static text so the page is useful before (or
 * without) the script. No inline script or style: it works under `script-src 'self'`.
 * Pure string code: runs in the service worker and in Node alike.
 *
 * @example
 * new Response(renderHelpDocument(model, { scriptUrl: '/help-page.js', styleUrl: '/help-page.css' }),
 *   { headers: { 'content-type': 'text/html; charset=utf-8' } })
 */
export function renderHelpDocument(
  model: HelpModel,
  assets: HelpDocumentAssets,
  options: RenderOptions = {},
): string {
  const lang = chooseLanguage(
    model.defaults.lang ?? model.known?.status.lang ?? null,
    [],
    model.defaults.strings,
  )
  const t = stringsFor(lang, model.defaults.strings)
  const now = options.nowMs ?? Date.now()
  const title = titleFor(model, t, now)
  const cause = causeFor(model, t)
  const backBy = backByFor(model, t, lang, now)
  const notices = helpPageNotices(model.known, t, lang, now)
  const first = notices[0]?.state === 'active' ? notices[0] : null
  const others = notices.filter((notice) => notice !== first)
  const helpText = model.known?.status.helpText ?? model.defaults.helpText
  const helpUrl = model.known?.status.helpUrl ?? model.defaults.helpUrl
  const parts = [
    `<h1 class="sh-static-title">${escapeHtml(title)}</h1>`,
    cause ? `<p class="sh-static-text">${escapeHtml(cause)}</p>` : '',
    first ? staticNotice(first) : '',
    others.length > 0
      ? `<h2 class="sh-static-subtitle">${escapeHtml(t.other_notices)}</h2>\n<ul class="sh-static-notices">${others.map((notice) => `<li>${staticNotice(notice)}</li>`).join('')}</ul>`
      : '',
    backBy ? `<p class="sh-static-text">${escapeHtml(backBy)}</p>` : '',
    helpText ? `<p class="sh-static-text">${escapeHtml(helpText)}</p>` : '',
    helpUrl && isAllowedUrl(helpUrl)
      ? `<p><a href="${escapeHtml(helpUrl)}" rel="noopener noreferrer">${escapeHtml(t.need_help)}</a></p>`
      : '',
  ]
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(assets.styleUrl)}">
${options.interactive === false ? '' : `<script type="module" src="${escapeHtml(assets.scriptUrl)}"></script>\n`}</head>
<body>
<main id="startup-help-root" class="sh-page">
${parts.filter(Boolean).join('\n')}
</main>
<script type="application/json" id="${HELP_MODEL_ELEMENT_ID}">${embedJson(model)}</script>
</body>
</html>
`
}

/** A notice as escaped static text: severity and start, title, body. */
function staticNotice(notice: NoticeView): string {
  const label = [notice.severityLabel, notice.when].filter(Boolean).join(' · ')
  return [
    label ? `<p class="sh-static-label">${escapeHtml(label)}</p>` : '',
    notice.title
      ? `<p class="sh-static-text"><strong>${escapeHtml(notice.title)}</strong></p>`
      : '',
    `<p class="sh-static-text">${escapeHtml(notice.body)}</p>`,
  ].join('')
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` can't close the element or
 * open a comment, and U+2028/U+2029 can't break a JavaScript reader.
 *
 * @example
 * embedJson({ text: '</script><img src=x onerror=alert(1)>' }) // no '<' in the output
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/**
 * Escapes text for HTML content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">') // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
