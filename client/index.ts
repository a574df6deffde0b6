/**
 * startup-help client: register the service worker, and show the help panel in-page for
 * failures the app sees itself.
 *
 * @example
 * import { registerStartupHelp, showStartupError } from 'startup-help/client'
 * registerStartupHelp({ app: 'crm', statusUrl: 'https://status.example.com', banner: true })
 */
export type { StartupHelpOptions } from './options.js'
export { registerStartupHelp, type StartupHelpRegistration } from './register.js'
export { type ShowStartupErrorOptions, showStartupError } from './show-startup-error.js'
export {
  type StatusBanner,
  type StatusBannerOptions,
  showStatusBanner,
} from './show-status-banner.js'
