import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url))

/** The node command that runs the CLI from source (tsx), so a test needs no build. */
export const CLI_FROM_SOURCE = [process.execPath, '--import', 'tsx', entry] as const

export interface ServiceProcess {
  url: string
  child: ChildProcess
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string
  /** SIGKILL and wait for the exit (no-op when it already exited). */
  kill: () => Promise<void>
}

export interface StartServiceOptions {
  env?: Record<string, string>
  /**
   * Runs the CLI through this shell line instead of directly; `$CLI` stands for the command.
   * For limits (`ulimit -n 64; exec $CLI`) or a parent that never reaps (`$CLI & exec sleep 60`).
   */
  shell?: string
}

/**
 * Starts `startup-help serve ARGS` (from source) as a child process on a free port and resolves
 * once it listens. The rate limit is off unless `env` sets it: tests send from one address.
 *
 * @example
 * const service = await startService(['--status', file, '--data', dir])
 * await fetch(`${service.url}/healthz`)
 * await service.kill()
 */
export async function startService(
  args: string[],
  options: StartServiceOptions = {},
): Promise<ServiceProcess> {
  const [node, ...cliArgs] = CLI_FROM_SOURCE
  const command = [node, ...cliArgs, 'serve', '--port', '0', '--host', '127.0.0.1', ...args]
  const quoted = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ')
  const child = options.shell
    ? spawn('/bin/sh', ['-c', options.shell.replace('$CLI', quoted)], {
        cwd: root,
        env: { ...process.env, STARTUP_HELP_REPORTS_PER_MINUTE: '0', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(node, command.slice(1), {
        cwd: root,
        env: { ...process.env, STARTUP_HELP_REPORTS_PER_MINUTE: '0', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /serving (http:\/\/[\d.]+:\d+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)))
    setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20_000).unref()
  })
  return {
    url,
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
    },
  }
}

/**
 * Fetches with a deadline, so a service that hangs fails the test instead of stalling it.
 *
 * @example
 * const res = await fetchWithin(`${url}/v1/status`, 5000)
 */
export function fetchWithin(url: string, timeoutMs = 5000, init: RequestInit = {}) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
}
