import type { HelpModel } from '../formats/help-model.js'
import type { Failure } from '../formats/report.js'
import type { ResolvedStatus } from '../formats/resolved-status.js'

/**
 * The model of a help page the server renders from a status it resolved itself (the service's
 * `/help`, the console's previews): no developer defaults (the page reports to the service that
 * served it), nothing to retry, and the failure the page speaks of, if any.
 *
 * @example
 * renderHelpDocument(serverPageModel({ status, lang: 'en', failure: null }), assets)
 */
export function serverPageModel(options: {
  status: ResolvedStatus
  lang: string
  failure: Failure | null
  /** When the status was read; default its own `serverTime`. */
  receivedAt?: string
  serviceWorkerState?: HelpModel['serviceWorkerState']
}): HelpModel {
  const { status } = options
  return {
    failure: options.failure,
    known: { status, receivedAt: options.receivedAt ?? status.serverTime },
    defaults: {
      app: status.app,
      appVersion: null,
      helpText: null,
      helpUrl: null,
      // The page reports to the service that served it (its own origin, seen from the browser).
      statusUrl: null,
      lang: options.lang,
      strings: {},
    },
    retryAfterSeconds: null,
    lastSuccessfulLoad: null,
    serviceWorkerState: options.serviceWorkerState ?? 'none',
    retryUrl: '',
  }
}
