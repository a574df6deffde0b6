import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { runCli } from '../support/cli.js'
import { sampleReport } from '../support/report-fixture.js'

let dir: string
const ids: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-cli-reports-'))
  let clock = Date.parse('2026-11-20T09:00:00Z')
  const store = await FolderReportStorage.open({ dir, now: () => clock, retentionDays: 3650 })
  const reports = [
    sampleReport({ app: 'crm', comment: 'Login spins\nthen fails', contact: 'anna@example.com' }),
    sampleReport({ app: 'hr' }),
    sampleReport({ app: 'crm', comment: 'evil \u001b[31mred\u001b[0m text' }),
  ]
  for (const report of reports) {
    clock += 86_400_000
    ids.push((await store.add(report)).id)
  }
  await store.setHandled(ids[1] as string, true, 'boris', clock)
  await store.close()
  // A write in progress by a running service: the CLI must not show or choke on it.
  await appendFile(join(dir, 'reports.jsonl'), '{"id":"SH-HALF00","rece')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('startup-help reports', () => {
  it('lists stored reports newest first with a count', async () => {
    const { code, stdout } = await runCli(['reports', 'list', '--data', dir])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines.slice(0, 3).map((line) => line.slice(0, 9))).toEqual([...ids].reverse())
    expect(lines[3]).toBe('3 of 3 report(s), newest first')
    expect(stdout).not.toContain('SH-HALF00')
    expect(stdout).not.toContain('\u001b')
  })

  it('pages with --limit and the --cursor it prints', async () => {
    const first = await runCli(['reports', 'list', '--data', dir, '--limit', '2'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`more: add --cursor ${ids[1]} for the next page`)
    const second = await runCli([
      'reports',
      'list',
      '--data',
      dir,
      '--limit',
      '2',
      '--cursor',
      `${ids[1]}`,
    ])
    expect(second.code).toBe(0)
    expect(second.stdout.trim().split('\n')[0]?.slice(0, 9)).toBe(ids[0])
    expect(second.stdout).not.toContain('more:')
  })

  it('filters by app, since and limit, and prints JSON with --json', async () => {
    const { code, stdout } = await runCli([
      'reports',
      'list',
      '--data',
      dir,
      '--app',
      'crm',
      '--since',
      '2026-11-21',
      '--limit',
      '5',
      '--json',
    ])
    expect(code).toBe(0)
    const listed = JSON.parse(stdout) as { id: string }[]
    expect(listed.map((report) => report.id)).toEqual([ids[2], ids[0]])
  })

  it('filters by until, kind, text and handled mark like the admin API', async () => {
    const list = async (...args: string[]) => {
      const { code, stdout } = await runCli(['reports', 'list', '--data', dir, '--json', ...args])
      expect(code).toBe(0)
      return (JSON.parse(stdout) as { id: string }[]).map((r) => r.id)
    }
    expect(await list('--until', '2026-11-22T00:00:00Z')).toEqual([ids[0]])
    expect(await list('--q', 'LOGIN')).toEqual([ids[0]])
    expect(await list('--handled', 'handled')).toEqual([ids[1]])
    expect(await list('--handled', 'open', '--app', 'crm')).toEqual([ids[2], ids[0]])
    expect(await list('--kind', '1c')).toEqual([])
    const shown = await runCli(['reports', 'show', ids[1] as string, '--data', dir])
    expect(shown.stdout).toMatch(/^Handled +2026-11-23T09:00:00.000Z by boris$/m)
    const bad = await runCli(['reports', 'list', '--kind', 'crash', '--data', dir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--kind must be one of')
  })

  it('reads the data dir from STARTUP_HELP_DATA_DIR', async () => {
    const { code, stdout } = await runCli(['reports', 'list', '--app', 'hr'], {
      env: { STARTUP_HELP_DATA_DIR: dir },
    })
    expect(code).toBe(0)
    expect(stdout).toContain(ids[1])
  })

  it('shows one report by the reference a user quoted, forgiving case', async () => {
    const id = ids[0] as string
    const { code, stdout } = await runCli(['reports', 'show', id.toLowerCase(), '--data', dir])
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^Reference +${id}$`, 'm'))
    expect(stdout).toMatch(
      /^Failure +http-error: GET https:\/\/crm.example.com\/login → HTTP 503 after 41 ms$/m,
    )
    expect(stdout).toMatch(/^Comment +Login spins\n +then fails$/m)
    expect(stdout).toMatch(/^Contact +anna@example.com$/m)
  })

  it('prints the stored JSON with show --json', async () => {
    const { code, stdout } = await runCli([
      'reports',
      'show',
      ids[2] as string,
      '--json',
      '--data',
      dir,
    ])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ id: ids[2], app: 'crm' })
  })

  it('exits 1 with a clear message for an unknown reference', async () => {
    const { code, stderr } = await runCli(['reports', 'show', 'SH-ZZZZZZ', '--data', dir])
    expect(code).toBe(1)
    expect(stderr).toContain(`no report SH-ZZZZZZ in ${join(dir, 'reports.jsonl')}`)
    const bad = await runCli(['reports', 'show', 'hello', '--data', dir])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('a reference looks like SH-7K3M9Q')
  })

  it('says so when nothing is stored yet', async () => {
    const empty = join(dir, 'never-used')
    const { code, stdout } = await runCli(['reports', 'list', '--data', empty])
    expect(code).toBe(0)
    expect(stdout.trim()).toBe(`no reports in ${join(empty, 'reports.jsonl')}`)
  })

  it('explains usage mistakes with exit code 2', async () => {
    const noAction = await runCli(['reports'])
    expect(noAction.code).toBe(2)
    expect(noAction.stderr).toContain('Usage: startup-help reports list')
    const badLimit = await runCli(['reports', 'list', '--limit', '9000', '--data', dir])
    expect(badLimit.code).toBe(2)
    expect(badLimit.stderr).toContain('--limit must be a whole number from 1 to 500')
    const help = await runCli(['reports', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('reports show ID')
  })

  it('stops serve at start with every bad report setting named', async () => {
    const status = join(dir, 'status.json')
    await writeFile(status, '{}')
    const { code, stderr } = await runCli(
      ['serve', '--status', status, '--data', join(dir, 'serve-data'), '--port', '0'],
      { env: { STARTUP_HELP_REPORT_RETENTION_DAYS: '0', STARTUP_HELP_WEBHOOK_URL: 'not a url' } },
    )
    expect(code).toBe(1)
    expect(stderr).toContain('STARTUP_HELP_REPORT_RETENTION_DAYS: "0" must be a whole number')
    expect(stderr).toContain('STARTUP_HELP_WEBHOOK_URL: "not a url" must be an http(s) URL')
  })
})
