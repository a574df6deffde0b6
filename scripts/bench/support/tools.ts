import { execFileSync, execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * Makes sure a Debian package's binary is there (nginx, wrk): the bench compares against them in
 * the same run. Installs it when missing and we are root, else says what to install.
 *
 * @example
 * ensureDebianTool('/usr/sbin/nginx', 'nginx')
 */
export function ensureDebianTool(binary: string, pkg: string): void {
  if (existsSync(binary)) return
  if (process.getuid?.() !== 0) {
    throw new Error(`the bench needs ${binary}: install it with "sudo apt-get install -y ${pkg}"`)
  }
  console.error(`bench: ${binary} is missing; installing Debian's ${pkg}…`)
  execSync(`apt-get update && apt-get install -y ${pkg}`, { stdio: 'inherit' })
}

export interface WrkResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
}

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim())
  if (!match) return Number.NaN
  const n = Number(match[1])
  return match[2] === 'us'
    ? n / 1000
    : match[2] === 's'
      ? n * 1000
      : match[2] === 'm'
        ? n * 60_000
        : n
}

/**
 * Runs wrk (one thread, `connections` connections) against `url` and reads its summary.
 *
 * @example
 * const { requestsPerSecond, p99Ms } = runWrk('http://127.0.0.1:8787/v1/status', { seconds: 5 })
 */
export function runWrk(
  url: string,
  options: { seconds: number; connections?: number; headers?: Record<string, string> },
): WrkResult {
  const args = ['-t1', `-c${options.connections ?? 50}`, `-d${options.seconds}s`, '--latency']
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('-H', `${name}: ${value}`)
  const out = execFileSync('/usr/bin/wrk', [...args, url], { encoding: 'utf8' })
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]
  const p50 = /^\s+50%\s+(\S+)/m.exec(out)?.[1]
  const p99 = /^\s+99%\s+(\S+)/m.exec(out)?.[1]
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1]
  if (!rps || !p50 || !p99) throw new Error(`cannot read wrk output:\n${out}`)
  return {
    requestsPerSecond: Number(rps),
    p50Ms: toMs(p50),
    p99Ms: toMs(p99),
    non2xx: Number(non2xx ?? 0),
  }
}
