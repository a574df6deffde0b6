import { createServer, type RequestListener, type Server } from 'node:http'

/**
 * How long a connection may take and how many may be open. Node's defaults (60 s for headers,
 * 300 s per request, no cap) let a few thousand silent sockets hold the service's file
 * descriptors; then no one gets a status and the status file cannot even be read.
 */
export interface ConnectionLimitsOptions {
  /**
   * Time from connect (or the end of the previous request) until the headers are complete, ms.
   * Also closes connections that send nothing (408). Default 10,000: a real client sends its
   * headers in one packet; lower cuts slow mobile clients.
   */
  headersTimeoutMs?: number
  /** Time for a whole request, body included, ms. Default 30,000 (a 64 KiB report on a slow link). */
  requestTimeoutMs?: number
  /** Idle time of a kept-alive connection between requests, ms. Default 5,000 (Node's). */
  keepAliveTimeoutMs?: number
  /**
   * Open connections at most; beyond it new ones are closed at once and one line is logged.
   * Default 10,000 (each costs a descriptor and about 10 KB); keep it below the process's
   * open-file limit (systemd `LimitNOFILE`) minus a hundred for files.
   */
  maxConnections?: number
  /** How often the header and request timeouts are checked, ms. Default 1,000 (Node's is 30 s). */
  checkIntervalMs?: number
}

export const DEFAULT_MAX_CONNECTIONS = 10_000

/** Don't log a flood line by line: one line per this many ms while connections are refused. */
const DROP_LOG_INTERVAL_MS = 10_000

/**
 * An http.Server with the limits above. When the connection cap is reached it logs one line
 * (then at most one every 10 s, with the count refused meanwhile).
 *
 * @example
 * const server = createLimitedServer(listener, { maxConnections: 5000 }, console.error)
 */
export function createLimitedServer(
  listener: RequestListener,
  options: ConnectionLimitsOptions,
  log: (line: string) => void,
): Server {
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      connectionsCheckingInterval: options.checkIntervalMs ?? 1_000,
    },
    listener,
  )
  const max = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS
  server.maxConnections = max
  let refused = 0
  let lastLogMs = 0
  server.on('drop', () => {
    refused += 1
    const now = Date.now()
    if (now - lastLogMs < DROP_LOG_INTERVAL_MS) return
    lastLogMs = now
    log(
      `startup-help: connection limit of ${max} reached: refused ${refused} new connection(s) (STARTUP_HELP_MAX_CONNECTIONS; idle ones are closed after the header timeout)`,
    )
    refused = 0
  })
  return server
}

/**
 * `STARTUP_HELP_MAX_CONNECTIONS` as a number, or the default; throws naming the variable.
 *
 * @example
 * readMaxConnections(process.env) // 10000
 */
export function readMaxConnections(env: Record<string, string | undefined>): number {
  const raw = env.STARTUP_HELP_MAX_CONNECTIONS?.trim()
  if (raw === undefined || raw === '') return DEFAULT_MAX_CONNECTIONS
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (value >= 1 && value <= 1_000_000) return value
  throw new Error(`STARTUP_HELP_MAX_CONNECTIONS: "${raw}" must be a whole number from 1 to 1000000`)
}
