import { execFileSync } from 'node:child_process'
import {
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_STATUS_DEPTH } from '../../server/status/status-file-limits.js'
import { runCli } from '../support/cli.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { eventually, statusFixture } from '../support/status-fixture.js'

const GOOD = { userMessage: 'Upgrade until 14:00', expires: '2099-01-01T00:00:00Z' }
/** 8,000 levels in 16 KB: what overflowed the recursive parser's stack. */
const DEEP = `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`

let dir: string
let file: string
let service: ServiceProcess | null = null

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-status-'))
  file = join(dir, 'status.json')
  writeFileSync(file, JSON.stringify(GOOD))
})

afterEach(async () => {
  await service?.kill()
  service = null
  rmSync(dir, { recursive: true, force: true })
})

async function serve(): Promise<ServiceProcess> {
  service = await startService(['--status', file, '--data', join(dir, 'data')])
  return service
}

interface Health {
  statusFile: { valid: boolean; problems: { message: string }[] }
}

async function problemOf(url: string): Promise<string | null> {
  const health = (await (await fetchWithin(`${url}/healthz`)).json()) as Health
  return health.statusFile.valid ? null : (health.statusFile.problems[0]?.message ?? '')
}

/** The running service still answers the last good status. */
async function servesGoodVersion(url: string): Promise<void> {
  const res = await fetchWithin(`${url}/v1/status?lang=en`)
  expect(res.status).toBe(200)
  expect(((await res.json()) as { message: { text: string } }).message.text).toBe(GOOD.userMessage)
}

describe('a hostile status file saved under a running service', () => {
  it('refuses a file nested 8,000 levels deep, names the limit and keeps serving', async () => {
    const { url } = await serve()
    writeFileSync(file, DEEP)
    await eventually(async () => (await problemOf(url)) !== null)
    expect(await problemOf(url)).toBe(`nested deeper than the limit of ${MAX_STATUS_DEPTH} levels`)
    await servesGoodVersion(url)
    expect(service?.child.exitCode).toBeNull()
  })

  it('refuses a 1 GB file without reading it and keeps serving', async () => {
    const { url } = await serve()
    // Sparse: a gigabyte for the reader, nothing on the disk.
    truncateSync(file, 1024 ** 3)
    await eventually(async () => (await problemOf(url)) !== null)
    expect(await problemOf(url)).toContain('larger than the limit of 1048576 bytes')
    await servesGoodVersion(url)
  })

  it('does not block on a FIFO put in place of the file', async () => {
    const { url } = await serve()
    // Made beside it and renamed over, so no poll sees the file missing in between.
    execFileSync('mkfifo', [`${file}.fifo`])
    renameSync(`${file}.fifo`, file)
    await eventually(async () => (await problemOf(url)) !== null)
    expect(await problemOf(url)).toContain('not a regular file')
    await servesGoodVersion(url)
  })

  it('refuses a symlink to /dev/zero instead of reading it forever', async () => {
    const { url } = await serve()
    symlinkSync('/dev/zero', `${file}.link`)
    renameSync(`${file}.link`, file)
    await eventually(async () => (await problemOf(url)) !== null)
    expect(await problemOf(url)).toContain('not a regular file')
    await servesGoodVersion(url)
  })
})

describe('a hostile status file at start and in the CLI', () => {
  it('starts with a deeply nested file, serves no status and says why', async () => {
    writeFileSync(file, DEEP)
    const { url } = await serve()
    expect(await problemOf(url)).toContain('nested deeper than the limit')
    expect((await fetchWithin(`${url}/v1/status`)).status).toBe(200)
  })

  it('check and message answer a deep file with the limit and exit 1, never a stack trace', async () => {
    writeFileSync(file, DEEP)
    const check = await runCli(['check', file])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`nested deeper than the limit of ${MAX_STATUS_DEPTH} levels`)
    const message = await runCli(['message', 'set', 'x', '--status', file, '--data', dir])
    expect(message.code).toBe(1)
    expect(message.stderr).toContain('nested deeper than the limit')
    for (const output of [check.stderr, message.stderr]) expect(output).not.toMatch(/^\s+at /m)
  })

  it('check refuses a 1 GB file by its size, a FIFO by its kind', async () => {
    truncateSync(file, 1024 ** 3)
    const big = await runCli(['check', file])
    expect(big.code).toBe(1)
    expect(big.stderr).toContain('larger than the limit of 1048576 bytes')
    rmSync(file)
    execFileSync('mkfifo', [file])
    const fifo = await runCli(['check', file])
    expect(fifo.code).toBe(1)
    expect(fifo.stderr).toContain('not a regular file')
  })

  it('accepts a UTF-8 byte order mark and refuses UTF-16 by name', async () => {
    writeFileSync(file, `\uFEFF${JSON.stringify(GOOD)}`)
    expect((await runCli(['check', file])).code).toBe(0)
    writeFileSync(file, Buffer.from(`\uFEFF${JSON.stringify(GOOD)}`, 'utf16le'))
    const utf16 = await runCli(['check', file])
    expect(utf16.code).toBe(1)
    expect(utf16.stderr).toContain('the file is UTF-16; save it as UTF-8')
  })

  it('refuses __proto__ and constructor field names instead of dropping them', async () => {
    writeFileSync(file, '{"apps": {"crm": {"helpText": "a"}, "__proto__": {"helpText": "b"}}}')
    const proto = await runCli(['check', file])
    expect(proto.code).toBe(1)
    expect(proto.stderr).toContain(
      ':1:37: apps.__proto__: the field name "__proto__" is not allowed',
    )
    writeFileSync(file, '{"apps": {"constructor": {"helpText": "b"}}}')
    const ctor = await runCli(['check', file])
    expect(ctor.code).toBe(1)
    expect(ctor.stderr).toContain('apps.constructor: the field name "constructor" is not allowed')
  })
})

describe('a hostile document through the admin API', () => {
  it('answers 400 naming the depth limit to a deeply nested PUT and leaves the file alone', async () => {
    const fx = statusFixture(GOOD)
    try {
      const before = readFileSync(fx.file, 'utf8')
      const res = await fx.app('token').request('/v1/status/document', {
        method: 'PUT',
        headers: { Authorization: 'Bearer token', 'Content-Type': 'application/json' },
        body: DEEP,
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid-json', message: expect.stringContaining('nested deeper than') },
      })
      expect(readFileSync(fx.file, 'utf8')).toBe(before)
    } finally {
      fx.cleanup()
    }
  })

  it('answers 409 to a GET of a file that cannot be read as a status file, and a PUT replaces it', async () => {
    const fx = statusFixture(GOOD)
    try {
      writeFileSync(fx.file, Buffer.from(JSON.stringify(GOOD), 'utf16le'))
      const app = fx.app('token')
      const get = await app.request('/v1/status/document', {
        headers: { Authorization: 'Bearer token' },
      })
      expect(get.status).toBe(409)
      expect(await get.json()).toMatchObject({
        error: { code: 'status-file-invalid', message: expect.stringContaining('UTF-16') },
      })
      const put = await app.request('/v1/status/document', {
        method: 'PUT',
        headers: { Authorization: 'Bearer token', 'Content-Type': 'application/json' },
        body: JSON.stringify(GOOD),
      })
      expect(put.status).toBe(200)
      expect(JSON.parse(readFileSync(fx.file, 'utf8'))).toEqual(GOOD)
    } finally {
      fx.cleanup()
    }
  })
})
