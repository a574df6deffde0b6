import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { ONEC_STATUS } from '../support/onec-fixture.js'
import { reportZip, sampleGetInfo, sampleOneCReport } from '../support/onec-zip.js'
import { fetchWithin, startService } from '../support/service-process.js'

let dir: string
let reference: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-cli-onec-'))
  await writeFile(join(dir, 'status.json'), JSON.stringify(ONEC_STATUS))
  const service = await startService(
    ['--status', join(dir, 'status.json'), '--data', join(dir, 'data')],
    {
      env: { STARTUP_HELP_1C_REPORTS: 'on' },
    },
  )
  try {
    const report = sampleOneCReport()
    report.errorInfo.userDescription = 'evil \u001b[31mred\u001b[0m text'
    const response = await fetchWithin(`${service.url}/1c/pushReport`, 5000, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(reportZip(report)),
    })
    expect(response.status).toBe(200)
    reference = response.headers.get('x-startup-help-report') ?? ''
  } finally {
    await service.kill()
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a 1C report in the CLI', () => {
  it('is listed with its app, its first error category and its configuration', async () => {
    const { code, stdout } = await runCli(['reports', 'list', '--data', join(dir, 'data')])
    expect(code).toBe(0)
    const [line] = stdout.trim().split('\n')
    expect(line?.startsWith(`${reference}  `)).toBe(true)
    expect(line).toContain('accounting    1c:ScriptRuntime')
    expect(line).toContain('БухгалтерияПредприятия 3.0.150.27:')
    expect(stdout).not.toContain('\u001b')
  })

  it('is shown with its errors, stack, hashes and where its screenshot is on disk', async () => {
    const { code, stdout } = await runCli([
      'reports',
      'show',
      reference.toLowerCase(),
      '--data',
      join(dir, 'data'),
    ])
    expect(code).toBe(0)
    expect(stdout).toContain('Source          1C:Enterprise error report')
    expect(stdout).toContain('Поле объекта не обнаружено (Контрагент) [ScriptRuntimeError]')
    expect(stdout).toContain('Документ.РеализацияТоваровУслуг.Форма.ФормаДокумента.Форма(812)')
    expect(stdout).toContain('application 7C2E91A04B5D3F6E8A1B2C3D4E5F6071')
    expect(stdout).toContain('User wrote      evil ?[31mred?[0m text')
    const path = /\n\s+(\S+\.png)\n/.exec(stdout)?.[1] ?? ''
    expect(path.startsWith(join(dir, 'data', 'attachments'))).toBe(true)
    expect(existsSync(path)).toBe(true)
  })
})

describe('STARTUP_HELP_1C_REPORTS', () => {
  it('leaves /1c off by default: 404 like any unknown path', async () => {
    const service = await startService([
      '--status',
      join(dir, 'status.json'),
      '--data',
      join(dir, 'off'),
    ])
    try {
      const response = await fetchWithin(`${service.url}/1c/getInfo`, 5000, {
        method: 'POST',
        body: JSON.stringify(sampleGetInfo()),
      })
      expect(response.status).toBe(404)
    } finally {
      await service.kill()
    }
  })

  it('stops the start on a value it does not understand, naming the variable', async () => {
    const start = startService(['--status', join(dir, 'status.json'), '--data', join(dir, 'bad')], {
      env: { STARTUP_HELP_1C_REPORTS: 'sometimes' },
    })
    await expect(start).rejects.toThrow(
      'STARTUP_HELP_1C_REPORTS: "sometimes" must be true or false',
    )
  })
})
