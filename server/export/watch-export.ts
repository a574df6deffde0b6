import { type ExportOptions, type ExportResult, exportStatic } from './export-static.js'

export interface WatchExportOptions extends ExportOptions {
  /** After each export whose header maps changed (e.g. reload nginx). */
  onMapsChanged?: () => Promise<void>
  /** After each export, for logs. */
  onExport?: (result: ExportResult) => void
  /**
   * How often the store is checked for a new version (ms). The check is a number comparison;
   * a lower value only exports sooner.
   */
  checkIntervalMs?: number
  /**
   * While a start or expiry is less than max-age away, the export is refreshed this often (ms),
   * so a cached answer outlives the transition by at most this much (its max-age is written at
   * export time). Default 5000.
   */
  nearTransitionRefreshMs?: number
}

/**
 * Exports now, then again whenever the status changes (a save, a database NOTIFY), at each
 * transition (startsAt / expires), and every few seconds while one is near. Returns a stop
 * function that waits for a running export.
 *
 * @example
 * const stop = await watchExport({ store, outDir, langs: ['en'], browserAssetsDir, onMapsChanged: reloadNginx })
 */
export async function watchExport(options: WatchExportOptions): Promise<() => Promise<void>> {
  const { store } = options
  const maxAgeMs = (options.maxAgeSeconds ?? 60) * 1000
  const refreshMs = options.nearTransitionRefreshMs ?? 5_000
  let exportedVersion = -1
  let last: ExportResult | null = null
  let lastAt = 0
  let running: Promise<void> | null = null

  const due = (): boolean => {
    if (store.version !== exportedVersion || last === null) return true
    const now = store.clock()
    if (last.nextChangeAt === null) return false
    if (now >= last.nextChangeAt) return true
    return last.nextChangeAt - now < maxAgeMs && now - lastAt >= refreshMs
  }

  const runOnce = async () => {
    const version = store.version
    const result = await exportStatic(options)
    exportedVersion = version
    last = result
    lastAt = store.clock()
    options.onExport?.(result)
    if (result.mapsChanged) await options.onMapsChanged?.()
  }

  await runOnce()
  const timer = setInterval(() => {
    if (running || !due()) return
    running = runOnce()
      .catch((error: unknown) =>
        console.error(`startup-help: export failed: ${(error as Error).message}`),
      )
      .finally(() => {
        running = null
      })
  }, options.checkIntervalMs ?? 250)
  return async () => {
    clearInterval(timer)
    await running
  }
}
