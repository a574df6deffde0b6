import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderStatusStorage } from '../../server/storage/folder/folder-status-storage.js'
import { runCli } from '../support/cli.js'
import { startService } from '../support/service-process.js'
import { eventually } from '../support/status-fixture.js'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'startup-help-cli-'))
  file = join(dir, 'status.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('startup-help check', () => {
  it('exits 0 for a valid file and shows what users see now, with warnings', async () => {
    writeFileSync(
      file,
      JSON.stringify({
        userMessage: 'Upgrade running',
        helpText: 'Call 123',
        apps: { crm: { helpUrl: 'https://x.example/crm' } },
      }),
    )
    const { code, stdout } = await runCli(['check', file])
    expect(code).toBe(0)
    expect(stdout).toContain('valid')
    expect(stdout).toContain('warning: userMessage has no "expires"')
    expect(stdout).toContain('message (shown now, with no end): Upgrade running')
    expect(stdout).toContain('app "crm"')
    expect(stdout).toContain('help URL: https://x.example/crm')
  })

  it('exits 1 for an invalid file, printing file:line:column and the field', async () => {
    writeFileSync(file, '{\n  "severity": "panic"\n}')
    const { code, stderr } = await runCli(['check', file])
    expect(code).toBe(1)
    expect(stderr).toContain(
      `${file}:2:15: severity: must be one of info, maintenance, degraded, outage`,
    )
  })

  it('uses STARTUP_HELP_STATUS_FILE when no file is given', async () => {
    writeFileSync(file, '{}')
    const { code, stdout } = await runCli(['check'], { env: { STARTUP_HELP_STATUS_FILE: file } })
    expect(code).toBe(0)
    expect(stdout).toContain(`${file}: valid`)
  })
})

describe('startup-help message', () => {
  it('sets a message with an end time, keeping the other fields and the old version as history', async () => {
    writeFileSync(file, JSON.stringify({ helpText: 'Call 123' }))
    const { code, stdout } = await runCli([
      'message',
      'set',
      'Upgrade',
      '--until',
      '2h',
      '--severity',
      'maintenance',
      '--status',
      file,
      '--data',
      join(dir, 'data'),
    ])
    expect(code).toBe(0)
    expect(stdout).toContain('message set')
    const doc = JSON.parse(readFileSync(file, 'utf8'))
    expect(doc).toMatchObject({
      helpText: 'Call 123',
      userMessage: 'Upgrade',
      severity: 'maintenance',
    })
    const minutes = (Date.parse(doc.expires) - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(118)
    expect(minutes).toBeLessThanOrEqual(120)
    expect(readdirSync(join(dir, 'data', 'status-history'))).toHaveLength(1)
    const [current] = await new FolderStatusStorage({ file, dataDir: join(dir, 'data') }).versions()
    expect(current).toMatchObject({ current: true, savedBy: 'cli' })
  })

  it('adds a language to a plain message and keeps the plain text for the others', async () => {
    writeFileSync(
      file,
      '{ "userMessage": "Upgrade in progress", "expires": "2099-01-01T00:00:00Z" }',
    )
    const env = { STARTUP_HELP_STATUS_FILE: file, STARTUP_HELP_DATA_DIR: join(dir, 'data') }
    const set = await runCli(['message', 'set', 'Идёт обновление', '--lang', 'ru'], { env })
    expect(set.code).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).userMessage).toEqual({
      en: 'Upgrade in progress',
      ru: 'Идёт обновление',
    })
  })

  it('sets one language of an app message and clears it again', async () => {
    writeFileSync(file, '{}')
    const env = { STARTUP_HELP_STATUS_FILE: file, STARTUP_HELP_DATA_DIR: join(dir, 'data') }
    expect(
      (
        await runCli(
          ['message', 'set', 'Обновление', '--lang', 'ru', '--app', 'crm', '--until', '1h'],
          {
            env,
          },
        )
      ).code,
    ).toBe(0)
    expect(
      (
        await runCli(
          ['message', 'set', 'Upgrade', '--lang', 'en', '--app', 'crm', '--until', '1h'],
          {
            env,
          },
        )
      ).code,
    ).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).apps.crm.userMessage).toEqual({
      ru: 'Обновление',
      en: 'Upgrade',
    })
    expect((await runCli(['message', 'clear', '--app', 'crm'], { env })).code).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).apps.crm).toEqual({})
  })

  it('refuses a time in the past and leaves the file untouched', async () => {
    writeFileSync(file, '{"helpText": "x"}')
    const past = new Date(Date.now() - 3_600_000).toISOString()
    const { code, stderr } = await runCli([
      'message',
      'set',
      'Late',
      '--until',
      past,
      '--status',
      file,
    ])
    expect(code).toBe(1)
    expect(stderr).toContain('is in the past')
    expect(readFileSync(file, 'utf8')).toBe('{"helpText": "x"}')
  })

  it('refuses to rewrite a broken file, so no other edit is lost', async () => {
    writeFileSync(file, '{"helpText": "x",}')
    const { code, stderr } = await runCli([
      'message',
      'set',
      'Upgrade',
      '--until',
      '1h',
      '--status',
      file,
    ])
    expect(code).toBe(1)
    expect(stderr).toContain('is not valid, so it was not changed')
    expect(readFileSync(file, 'utf8')).toBe('{"helpText": "x",}')
  })

  it('explains usage mistakes with exit code 2', async () => {
    expect((await runCli(['message', 'set', '--status', file])).code).toBe(2)
    const badSeverity = await runCli([
      'message',
      'set',
      'x',
      '--severity',
      'panic',
      '--until',
      '1h',
      '--status',
      file,
    ])
    expect(badSeverity.code).toBe(2)
    const unknown = await runCli(['message', 'set', 'x', '--untill', '1h'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--untill'")
    expect((await runCli(['frobnicate'])).code).toBe(2)
  })

  it('is picked up live by a running service', async () => {
    writeFileSync(file, '{}')
    const service = await startService(['--status', file, '--data', join(dir, 'data')])
    try {
      const message = async () =>
        (
          (await (await fetch(`${service.url}/v1/status`)).json()) as {
            message: { text: string } | null
          }
        ).message?.text
      expect(await message()).toBeUndefined()
      expect(
        (
          await runCli([
            'message',
            'set',
            'Live now',
            '--until',
            '1h',
            '--status',
            file,
            '--data',
            join(dir, 'data'),
          ])
        ).code,
      ).toBe(0)
      await eventually(async () => (await message()) === 'Live now')
    } finally {
      await service.kill()
    }
  })
})

describe('startup-help serve', () => {
  it('turns the admin API on with a token from the environment', async () => {
    writeFileSync(file, '{}')
    const service = await startService(['--status', file, '--data', join(dir, 'data')], {
      env: { STARTUP_HELP_ADMIN_TOKEN: 'secret-token' },
    })
    try {
      expect(service.output()).toContain('admin API and console on at /admin')
      const res = await fetch(`${service.url}/v1/status/document`, {
        headers: { Authorization: 'Bearer secret-token' },
      })
      expect(res.status).toBe(200)
    } finally {
      await service.kill()
    }
  })

  it('refuses a bad port with exit code 2', async () => {
    const { code, stderr } = await runCli(['serve', '--port', 'http'])
    expect(code).toBe(2)
    expect(stderr).toContain('--port must be a number')
  })
})
