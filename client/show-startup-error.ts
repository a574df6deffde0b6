import { rememberedOptions } from './options.js'
import type { ShowStartupErrorOptions } from './show-startup-error-options.js'

export type { ShowStartupErrorOptions }

/**
 * Shows the help panel in-page, as an accessible modal dialog, for a failure the app saw itself:
 * pass the thrown error (network failure, timeout) or the failing Response (5xx). Uses the
 * options of the last `registerStartupHelp` call. The UI is loaded on first use, so apps that
 * never fail never download it. Resolves when the dialog closes.
 *
 * @example
 * const startedAt = Date.now()
 * try {
 *   const response = await fetch('/api/login', { method: 'POST', body })
 *   if (response.status >= 500) await showStartupError(response, { method: 'POST', startedAt })
 * } catch (error) {
 *   await showStartupError(error, { url: '/api/login', method: 'POST', startedAt })
 * }
 */
export async function showStartupError(
  errorOrResponse: unknown,
  options: ShowStartupErrorOptions = {},
): Promise<void> {
  // Read now, not after the UI loaded: the failure's time and online state are of this moment.
  const now = Date.now()
  const online = navigator.onLine !== false
  const { openInPageDialog } = await import('./in-page-dialog.js')
  await openInPageDialog(errorOrResponse, { ...options, now, online }, rememberedOptions())
}
