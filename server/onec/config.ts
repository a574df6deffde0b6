import { ReportsConfigError } from '../reports/config.js'
import { readFlag, readWholeNumber } from '../settings/env-settings.js'

/** Settings of the 1C:Enterprise error-report protocol, from the environment (`readOneCConfig`). */
export interface OneCConfig {
  /** `/1c/getInfo` and `/1c/pushReport` answer; off, they are 404 like any unknown path. */
  enabled: boolean
  /** Reports of one error (client + application stack hash) stored per hour; 0: no limit. */
  reportsPerErrorPerHour: number
  /** A screenshot larger than this is not kept (the report is); 0 keeps none. */
  maxScreenshotBytes: number
}

/** Three reports of one error an hour tell support all it needs; more only fill the inbox. */
export const DEFAULT_REPORTS_PER_ERROR_PER_HOUR = 3
/** A full-HD PNG screenshot is 0.2–2 MB; 5 MiB leaves room for 4K without keeping junk. */
export const DEFAULT_MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024

type Env = Record<string, string | undefined>

/**
 * Reads STARTUP_HELP_1C_REPORTS (on/off, default off), STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR
 * (default 3, 0 = no limit) and STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES (default 5 MiB), all at once.
 *
 * @throws ReportsConfigError naming each bad variable
 * @example
 * readOneCConfig({ STARTUP_HELP_1C_REPORTS: 'on' })
 * // { enabled: true, reportsPerErrorPerHour: 3, maxScreenshotBytes: 5242880 }
 */
export function readOneCConfig(env: Env): OneCConfig {
  const problems: string[] = []
  const config: OneCConfig = {
    enabled: readFlag('STARTUP_HELP_1C_REPORTS', env.STARTUP_HELP_1C_REPORTS, problems),
    reportsPerErrorPerHour: readWholeNumber(
      'STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR',
      env.STARTUP_HELP_1C_REPORTS_PER_ERROR_PER_HOUR,
      DEFAULT_REPORTS_PER_ERROR_PER_HOUR,
      0,
      1000,
      problems,
    ),
    maxScreenshotBytes: readWholeNumber(
      'STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES',
      env.STARTUP_HELP_1C_MAX_SCREENSHOT_BYTES,
      DEFAULT_MAX_SCREENSHOT_BYTES,
      0,
      // Inflated in memory while a report is read: a bound, not a target.
      64 * 1024 * 1024,
      problems,
    ),
  }
  if (problems.length > 0) throw new ReportsConfigError(problems)
  return config
}
