/**
 * startup-help for service workers of your own (an app that already has a Workbox worker):
 * `installStartupHelp(config)` adds the help page, last known status, report queue and kill
 * switch. Apps without a worker of their own use the built `sw.js` instead (`build-sw`).
 *
 * @example
 * import { installStartupHelp, HELP_ASSETS } from 'startup-help/sw'
 */
export { HELP_ASSETS } from './help-response.js'
export { type InstallStartupHelpOptions, installStartupHelp } from './install.js'
export { killSwitch } from './kill-switch.js'
