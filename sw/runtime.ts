import { isExcludedPath, type ServiceWorkerConfig } from '../formats/sw-config.js'
import type { NavigationHooks } from './guard-navigation.js'
import { killSwitch } from './kill-switch.js'
import { recordSuccessfulLoad } from './last-load.js'
import { isWatchedNavigation } from './navigation-route.js'
import { createReportQueue, type ReportQueue } from './report-queue.js'
import { refreshStatus } from './status-cache.js'

/**
 * What every part of startup-help in one worker shares: the report queue (one IndexedDB queue per
 * name, so it must exist once), the status refresh and the kill switch's "off" state. Made once
 * per configuration, whether `installStartupHelp`, `withStartupHelp` or the plugin asks first.
 */
export interface StartupHelpRuntime {
  readonly config: ServiceWorkerConfig
  readonly reports: ReportQueue | null
  /** True once the kill switch ran: everything passes through until the worker is gone. */
  isDisabled(): boolean
  /** True for a navigation startup-help guards: GET, not excluded, kill switch off. */
  watches(request: Request): boolean
  /** Reads the status (throttled unless `force`) and runs the kill switch when it says so. */
  readStatus(force: boolean): Promise<void>
  /** The hooks of one navigation; `waitUntil` keeps the worker alive for the background work. */
  hooks(waitUntil: (promise: Promise<unknown>) => void): NavigationHooks
}

const runtimes = new Map<string, StartupHelpRuntime>()

function createRuntime(config: ServiceWorkerConfig): StartupHelpRuntime {
  let disabled = false
  const reports = config.statusUrl ? createReportQueue(config.statusUrl) : null
  const readStatus = async (force: boolean) => {
    if (disabled) return
    const status = await refreshStatus(config, { force })
    if (status?.disableServiceWorker) {
      disabled = true
      await killSwitch()
    }
  }
  return {
    config,
    reports,
    isDisabled: () => disabled,
    watches: (request) =>
      !disabled &&
      isWatchedNavigation(request) &&
      !isExcludedPath(config, new URL(request.url).pathname),
    readStatus,
    hooks: (waitUntil) => ({
      succeeded: async () => {
        await recordSuccessfulLoad({ onlyIfUnknown: false })
        await readStatus(false)
        await reports?.flush()
      },
      failed: async () => {
        // Not throttled: the status service may well be up while the app is down, and the
        // message of the incident at hand is what the user needs. Queued reports may get
        // through now too (in the background).
        await readStatus(true)
        waitUntil(reports?.flush() ?? Promise.resolve())
      },
    }),
  }
}

/**
 * The runtime for `config`, made at the first call (which must come during the worker's first
 * evaluation: the report queue adds its `sync` listener then).
 *
 * @example
 * const runtime = runtimeFor(config)
 */
export function runtimeFor(config: ServiceWorkerConfig): StartupHelpRuntime {
  const key = JSON.stringify(config)
  let runtime = runtimes.get(key)
  if (!runtime) {
    runtime = createRuntime(config)
    runtimes.set(key, runtime)
  }
  return runtime
}
