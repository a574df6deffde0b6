import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { sampleReport } from '../../../tests/support/report-fixture.js'

const ID_MARK = 'CLIENT_ID_MARK_0000'

/**
 * A wrk script that POSTs the sample report with a fresh clientReportId each time (one wrk
 * thread, so a plain counter is unique), else the store would dedupe them into one record.
 *
 * @example
 * await writeFile('post-report.lua', reportLoadScript())
 */
export function reportLoadScript(): string {
  const [prefix, suffix] = JSON.stringify(sampleReport({ clientReportId: ID_MARK })).split(ID_MARK)
  const run = randomBytes(6).toString('hex')
  return `local n = 0
local prefix = [==[${prefix}]==]
local suffix = [==[${suffix}]==]
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, prefix .. "bench-${run}-" .. n .. suffix)
end
`
}

const toMs = (text: string) => {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text)
  const value = Number(match?.[1])
  return match?.[2] === 'us' ? value / 1000 : match?.[2] === 's' ? value * 1000 : value
}

/**
 * wrk, one thread and 50 keep-alive connections, POSTing the script's reports to `url`.
 *
 * @example
 * const { accepted, seconds, p99 } = await runReportLoad(url, scriptPath, 10)
 */
export async function runReportLoad(url: string, script: string, seconds: number) {
  const { stdout } = await promisify(execFile)('/usr/bin/wrk', [
    '-t1',
    '-c50',
    `-d${seconds}s`,
    '--latency',
    '-s',
    script,
    url,
  ])
  const total = Number(/(\d+) requests in ([\d.]+)(\w+)/.exec(stdout)?.[1])
  const duration = /\d+ requests in (\S+),/.exec(stdout)?.[1] ?? ''
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0)
  const errors = /Socket errors:(.*)/.exec(stdout)?.[1]?.trim() ?? ''
  const p99 = /^\s+99%\s+(\S+)/m.exec(stdout)?.[1] ?? ''
  if (!Number.isFinite(total)) throw new Error(`cannot read wrk output:\n${stdout}`)
  return {
    accepted: total - non2xx,
    seconds: toMs(duration) / 1000,
    non2xx,
    errors,
    p99: toMs(p99),
  }
}
