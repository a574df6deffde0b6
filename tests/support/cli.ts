import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The CLI as users run it: the package's bin on the built dist/ (npm test builds first). */
export const CLI = fileURLToPath(new URL('../../bin/startup-help.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `startup-help ARGS` as a child process, as users run it (the package's bin on dist/), and
 * collects its exit code and output. Never throws on a non-zero exit: that is the result.
 *
 * @example
 * const { code, stdout } = await runCli(['check', file], { env: { NO_COLOR: '1' } })
 */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        timeout: 30_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error)
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      },
    )
    child.stdin?.end()
  })
}
