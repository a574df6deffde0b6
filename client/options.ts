import type { HelpDefaults } from '../formats/help-model.js'
import type { ServiceWorkerConfig } from '../formats/sw-config.js'
import { DEFAULT_NAVIGATION_TIMEOUT_MS, DEFAULT_OUTAGE_STATUSES } from '../formats/sw-config-url.js'

/**
 * What a developer passes to `registerStartupHelp`. Everything is optional; with no `statusUrl`
 * the help page still works from the defaults given here, but shows no incident message and
 * can't send reports.
 */
export interface StartupHelpOptions {
  /** App id as in the status document's `apps` (`^[a-z0-9][a-z0-9_-]{0,63}$`). */
  app?: string
  /** The app's name as users know it ("CRM"), used in the help page's title; default "the service". */
  appName?: string
  /** The status service's origin, e.g. `https://status.example.com` (ideally not the app's server). */
  statusUrl?: string
  /** The built service worker; default `/sw.js`. */
  swUrl?: string
  /** Service worker scope; default: the folder of `swUrl`. */
  scope?: string
  /** Default help text (plain text), like 1C's StartupErrorHelpText; the status may override it. */
  helpText?: string
  /** Default "Need help" link (https/http/mailto/tel), like 1C's StartupErrorHelpURL. */
  helpUrl?: string
  appVersion?: string
  /** UI language; default: the browser's (ru and en built in). */
  lang?: string
  /**
   * Per-language string overrides for the help page and the status banner (keys of
   * help-page/strings.ts `EN`): `{ en: { title_offline: 'No network' } }`. A language given
   * here counts as supported when the UI language is chosen.
   */
  strings?: Record<string, Record<string, string>>
  /**
   * How long a navigation may take before the help page shows; default 8000 ms. Shorter shows
   * help sooner but may cut off a slow but working login.
   */
  navigationTimeoutMs?: number
  /** Statuses that mean "the server is down"; default 502, 503, 504. */
  outageStatuses?: readonly number[]
  /**
   * Pathname prefixes the worker never steps in for, e.g. `['/auth/', '/oauth2/']`: their
   * navigations go to the network as if there were no worker, even when it fails. Redirects
   * (3xx) pass through everywhere anyway; exclude what must never show the help page.
   */
  excludePaths?: readonly string[]
  /**
   * `true` shows the status service's upcoming and active notices in a banner at the top of the
   * app (see `showStatusBanner`), in `lang` and with the `strings` overrides; needs `statusUrl`.
   * Loaded lazily, only when on.
   */
  banner?: boolean
}

let remembered: StartupHelpOptions = {}

/**
 * Keeps the options of the last `registerStartupHelp` call for `showStartupError`.
 *
 * @example
 * rememberOptions({ app: 'crm', statusUrl: 'https://status.example.com' })
 */
export function rememberOptions(options: StartupHelpOptions): void {
  remembered = { ...options }
}

/**
 * The options of the last `registerStartupHelp` call (empty before the first).
 *
 * @example
 * toHelpDefaults(rememberedOptions())
 */
export function rememberedOptions(): StartupHelpOptions {
  return remembered
}

/**
 * The configuration the service worker receives (in its script URL), defaults filled in.
 *
 * @example
 * serviceWorkerUrl('/sw.js', toServiceWorkerConfig({ app: 'crm', statusUrl }))
 */
export function toServiceWorkerConfig(options: StartupHelpOptions): ServiceWorkerConfig {
  return {
    ...toHelpDefaults(options),
    navigationTimeoutMs: options.navigationTimeoutMs ?? DEFAULT_NAVIGATION_TIMEOUT_MS,
    outageStatuses: [...(options.outageStatuses ?? DEFAULT_OUTAGE_STATUSES)],
    ...(options.excludePaths ? { excludePaths: [...options.excludePaths] } : {}),
  }
}

/**
 * The help panel's defaults from the options.
 *
 * @example
 * toHelpDefaults(rememberedOptions()).helpText
 */
export function toHelpDefaults(options: StartupHelpOptions): HelpDefaults {
  return {
    app: options.app ?? null,
    appName: options.appName ?? null,
    appVersion: options.appVersion ?? null,
    helpText: options.helpText ?? null,
    helpUrl: options.helpUrl ?? null,
    statusUrl: options.statusUrl ?? null,
    lang: options.lang ?? null,
    strings: options.strings ?? {},
  }
}
