import type { ConsoleRequest } from '../console-context.js'
import { type Html, html } from './html.js'

export type ConsoleSection = 'status' | 'history' | 'reports' | null

export interface PageOptions {
  title: string
  section: ConsoleSection
  body: Html
  /** A one-line notice at the top (saved, signed out…), spoken by screen readers. */
  flash?: string | null
  /** An error summary instead of a flash. */
  alert?: string | null
}

/**
 * The console's page shell: skip link, header with the sections, who is signed in and sign out,
 * the language links, then the page. Own script and style only (the CSP allows nothing else).
 *
 * @example
 * return c.html(consolePage(c.get('console'), { title: 'Status', section: 'status', body }))
 */
export function consolePage(request: ConsoleRequest, options: PageOptions): Html {
  const { t, base, session } = request
  const link = (section: Exclude<ConsoleSection, null>, label: string) =>
    html`<li><a href="${base}/${section}"${options.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`
  const otherLang = request.lang === 'en' ? 'ru' : 'en'
  return html`<!doctype html>
<html lang="${request.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${request.csrf ? html`<meta name="csrf-token" content="${request.csrf}">` : ''}
<title>${options.title} · ${t('product')}</title>
<link rel="stylesheet" href="${base}/assets/console.css">
<script type="module" src="${base}/assets/console.js"></script>
</head>
<body>
<a class="skip" href="#content">${t('skip_to_content')}</a>
<header class="bar">
<p class="product">${t('product')}</p>
${
  session
    ? html`<nav aria-label="${t('nav_label')}"><ul>${link('status', t('nav_status'))}${link('history', t('nav_history'))}${link('reports', t('nav_reports'))}</ul></nav>`
    : ''
}
<div class="who">
<a href="?lang=${otherLang}" lang="${otherLang}" hreflang="${otherLang}">${otherLang === 'ru' ? 'Русский' : 'English'}</a>
${
  session
    ? html`<span>${t('signed_in_as', { label: session.label })}</span>
<form method="post" action="${base}/sign-out"><input type="hidden" name="_csrf" value="${request.csrf ?? ''}"><button type="submit">${t('sign_out')}</button></form>`
    : ''
}
</div>
</header>
<main id="content" tabindex="-1">
<h1>${options.title}</h1>
${options.flash ? html`<p class="flash" role="status">${options.flash}</p>` : ''}
${options.alert ? html`<p class="alert" role="alert">${options.alert}</p>` : ''}
${options.body}
</main>
</body>
</html>
`
}

/**
 * A hidden CSRF field for a form that writes.
 *
 * @example
 * html`<form method="post">${csrfField(request)}…</form>`
 */
export function csrfField(request: ConsoleRequest): Html {
  return html`<input type="hidden" name="_csrf" value="${request.csrf ?? ''}">`
}
