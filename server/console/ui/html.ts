import { html as honoHtml } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

export type Html = HtmlEscapedString

/**
 * Hono's `html` template, typed for the console's synchronous use: every interpolated string is
 * escaped (text from the network never becomes markup), arrays are joined, and null, undefined
 * and false render nothing. The console never interpolates promises, so the result is sync.
 *
 * @example
 * html`<p>${userText}</p>` // '<p>&lt;script&gt;…</p>'
 */
export const html = honoHtml as (strings: TemplateStringsArray, ...values: unknown[]) => Html
