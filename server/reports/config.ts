import { readFlag, readWholeNumber } from '../settings/env-settings.js'

/** Settings of the report service that come from the environment (see `readReportsConfig`). */
export interface ReportsConfig {
  /** Origins whose pages may POST reports; `'*'` allows any (the default). */
  allowedOrigins: '*' | string[]
  /** Where stored reports are forwarded; null when not set. */
  webhookUrl: string | null
  retentionDays: number
  /** Reports one client address may send per minute (also the burst); 0 turns the limit off. */
  reportsPerMinute: number
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean
}

export const DEFAULT_RETENTION_DAYS = 30
/** A person sends a report or two; 20 a minute leaves room for an office behind one NAT address. */
export const DEFAULT_REPORTS_PER_MINUTE = 20

/** The environment was set wrong; `problems` has one line per variable, naming it. */
export class ReportsConfigError extends Error {
  override readonly name = 'ReportsConfigError'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`invalid report settings:\n  ${problems.join('\n  ')}`)
    this.problems = problems
  }
}

type Env = Record<string, string | undefined>

function readOrigins(raw: string | undefined, problems: string[]): '*' | string[] {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  if (items.length === 0 || items.includes('*')) return '*'
  const origins: string[] = []
  for (const item of items) {
    let url: URL | null = null
    try {
      url = new URL(item)
    } catch {}
    // An origin is scheme://host[:port] exactly: a trailing path would never match the header.
    if (url && /^https?:$/.test(url.protocol) && url.origin === item.replace(/\/$/, '')) {
      origins.push(url.origin)
    } else {
      problems.push(
        `STARTUP_HELP_ALLOWED_ORIGINS: "${item}" is not an origin like https://app.example.com (scheme, host, optional port, no path)`,
      )
    }
  }
  return origins
}

function readWebhook(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw.trim() === '') return null
  try {
    const url = new URL(raw.trim())
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href
  } catch {}
  problems.push(`STARTUP_HELP_WEBHOOK_URL: "${raw}" must be an http(s) URL`)
  return null
}

/**
 * Reads and checks the report settings from the environment, all at once, so one start shows
 * every mistake. Variables: STARTUP_HELP_ALLOWED_ORIGINS (comma list, default any),
 * STARTUP_HELP_WEBHOOK_URL, STARTUP_HELP_REPORT_RETENTION_DAYS (default 30),
 * STARTUP_HELP_REPORTS_PER_MINUTE (default 20, 0 = off), STARTUP_HELP_TRUST_PROXY.
 *
 * @throws ReportsConfigError naming each bad variable
 * @example
 * const config = readReportsConfig(process.env)
 * // { allowedOrigins: '*', webhookUrl: null, retentionDays: 30, reportsPerMinute: 20, trustProxy: false }
 */
export function readReportsConfig(env: Env): ReportsConfig {
  const problems: string[] = []
  const config: ReportsConfig = {
    allowedOrigins: readOrigins(env.STARTUP_HELP_ALLOWED_ORIGINS, problems),
    webhookUrl: readWebhook(env.STARTUP_HELP_WEBHOOK_URL, problems),
    retentionDays: readWholeNumber(
      'STARTUP_HELP_REPORT_RETENTION_DAYS',
      env.STARTUP_HELP_REPORT_RETENTION_DAYS,
      DEFAULT_RETENTION_DAYS,
      1,
      3650,
      problems,
    ),
    reportsPerMinute: readWholeNumber(
      'STARTUP_HELP_REPORTS_PER_MINUTE',
      env.STARTUP_HELP_REPORTS_PER_MINUTE,
      DEFAULT_REPORTS_PER_MINUTE,
      0,
      1_000_000,
      problems,
    ),
    trustProxy: readFlag('STARTUP_HELP_TRUST_PROXY', env.STARTUP_HELP_TRUST_PROXY, problems),
  }
  if (problems.length > 0) throw new ReportsConfigError(problems)
  return config
}
