/** Replaced by the build (`define`): `false` in production bundles, so dev logs are stripped. */
declare const __STARTUP_HELP_DEV__: boolean | undefined

/**
 * Logs only in development builds; the production bundle drops the call entirely.
 *
 * @example
 * devLog('navigation failed', request.url)
 */
export function devLog(...args: unknown[]): void {
  if (typeof __STARTUP_HELP_DEV__ !== 'undefined' && __STARTUP_HELP_DEV__) {
    console.debug('[startup-help sw]', ...args)
  }
}
