import * as z from 'zod/mini'
import type { HelpDefaults } from './help-model.js'
import { appIdSchema, langSchema, safeUrlSchema } from './primitives.js'

/**
 * The configuration the client hands the service worker. It travels in the worker script's URL
 * (`/sw.js?c=<json>`), so the worker has it at every start without storage, and a changed
 * configuration is a new script URL that the browser installs as an update.
 */
export const serviceWorkerConfigSchema = z.object({
  app: z.nullable(appIdSchema),
  appName: z.optional(z.nullable(z.string().check(z.maxLength(80)))),
  appVersion: z.nullable(z.string().check(z.maxLength(64))),
  helpText: z.nullable(z.string().check(z.maxLength(4000))),
  helpUrl: z.nullable(safeUrlSchema),
  statusUrl: z.nullable(safeUrlSchema),
  lang: z.nullable(langSchema),
  strings: z.record(langSchema, z.record(z.string(), z.string())),
  navigationTimeoutMs: z.int().check(z.minimum(500), z.maximum(120_000)),
  outageStatuses: z.array(z.int().check(z.minimum(400), z.maximum(599))),
  /**
   * Pathname prefixes the worker never steps in for (sign-in callbacks, server routes): see
   * {@link isExcludedPath}. Optional, so configurations of older clients stay valid.
   */
  excludePaths: z.optional(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(200), z.startsWith('/')))
      .check(z.maxLength(50)),
  ),
})

export type ServiceWorkerConfig = z.infer<typeof serviceWorkerConfigSchema>

/**
 * Reads the configuration back in the worker; `null` when missing or invalid (the worker then
 * passes every request through untouched rather than guess).
 *
 * @example
 * const config = readServiceWorkerConfig(self.location.href)
 */
export function readServiceWorkerConfig(scriptUrl: string): ServiceWorkerConfig | null {
  try {
    const raw = new URL(scriptUrl).searchParams.get('c')
    if (raw === null) return null
    const parsed = serviceWorkerConfigSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The help page's defaults from the worker's configuration: the one mapping, for the worker's
 * help page and anything else that holds a configuration.
 *
 * @example
 * const model: HelpModel = { …, defaults: helpDefaultsOf(config) }
 */
export function helpDefaultsOf(config: ServiceWorkerConfig): HelpDefaults {
  return {
    app: config.app,
    appName: config.appName ?? null,
    appVersion: config.appVersion,
    helpText: config.helpText,
    helpUrl: config.helpUrl,
    statusUrl: config.statusUrl,
    lang: config.lang,
    strings: config.strings,
  }
}

/**
 * True when `pathname` starts with one of the configured `excludePaths` (`/auth/` excludes
 * `/auth/callback`; matched on the pathname only, never the query). The worker then leaves that
 * navigation alone whatever happens: the browser's own error page rather than our help page.
 *
 * @example
 * isExcludedPath(config, new URL(request.url).pathname)
 */
export function isExcludedPath(config: ServiceWorkerConfig, pathname: string): boolean {
  return (config.excludePaths ?? []).some((prefix) => pathname.startsWith(prefix))
}
