/**
 * startup-help for service workers of your own (an app that already has a Workbox worker):
 * `installStartupHelp(config)` adds the help page, last known status, report queue and kill
 * switch; `withStartupHelp(handler, config)` guards your own navigation route's handler instead,
 * and `startupHelpPlugin(config)` does the same from a strategy's plugins. Apps without a worker
 * of their own use the built `sw.js` (`build-sw`); generateSW apps import `startup-help-sw.js`.
 *
 * @example
 * import { installStartupHelp, withStartupHelp, HELP_ASSETS } from 'startup-help/sw'
 */
export { HELP_ASSETS } from '../formats/help-assets.js'
export { type InstallStartupHelpOptions, installStartupHelp } from './install.js'
export { killSwitch } from './kill-switch.js'
export { startupHelpPlugin } from './plugin.js'
export { withStartupHelp } from './with-startup-help.js'
