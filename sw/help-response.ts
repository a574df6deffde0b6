import { HEADERS, HELP_PAGE_MARK } from '../formats/headers.js'
import type { HelpModel } from '../formats/help-model.js'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { renderHelpDocument } from '../help-page/render-document.js'

declare const self: ServiceWorkerGlobalScope

/**
 * The strict policy the help page runs under: its script and style come from this origin only,
 * nothing inline; it may talk to this origin (retry probe) and to the status service (reports).
 */
function contentSecurityPolicy(config: ServiceWorkerConfig): string {
  let statusOrigin = ''
  try {
    if (config.statusUrl) statusOrigin = ` ${new URL(config.statusUrl).origin}`
  } catch {
    statusOrigin = ''
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${statusOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The help page answering a failed navigation. Status 503 (the app really is unavailable: nothing,
 * not even an intermediary or the back-forward cache, should keep this as the app's page) and
 * `Cache-Control: no-store`.
 *
 * @example
 * event.respondWith(helpPageResponse(model, config))
 */
export function helpPageResponse(model: HelpModel, config: ServiceWorkerConfig): Response {
  const asset = (name: string) => new URL(name, self.location.href).pathname
  const html = renderHelpDocument(model, {
    scriptUrl: asset('help-page.js'),
    styleUrl: asset('help-page.css'),
  })
  return new Response(html, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(config),
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      // Lets tests, monitoring and support tell our page from the app's own 503.
      [HEADERS.startupHelp]: HELP_PAGE_MARK,
    },
  })
}
