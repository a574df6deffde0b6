import type { StatusBanner, StatusBannerOptions } from './status-banner-options.js'

export type { StatusBanner, StatusBannerOptions }

/**
 * Shows the status service's upcoming and active notices inside the healthy app: a banner in a
 * shadow root, `role="status"`, each notice with a close button (dismissal remembered per notice,
 * so a new or changed notice shows again). It re-reads the status when the tab comes back and
 * when the answer's max-age runs out, and shows the last known status while the status service is
 * down. The UI is loaded on first use, so it never weighs on the app's first load.
 *
 * @example
 * import { showStatusBanner } from 'startup-help/client'
 * const banner = await showStatusBanner({ app: 'crm', statusUrl: 'https://status.example.com' })
 * // later, e.g. on logout:
 * banner.close()
 */
export async function showStatusBanner(options: StatusBannerOptions): Promise<StatusBanner> {
  const { runStatusBanner } = await import('./banner/run-status-banner.js')
  return runStatusBanner(options)
}
