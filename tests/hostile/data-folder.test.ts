import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { sampleReport } from '../support/report-fixture.js'
import { fetchWithin, type ServiceProcess, startService } from '../support/service-process.js'
import { canMountTmpfs, mountSmallDisk, type SmallDisk, setAppendOnly } from '../support/tmpfs.js'

let dir: string
let dataDir: string
let service: ServiceProcess | null = null
let disk: SmallDisk | null = null
/** Every reference answered with a 201: all must be on disk at the end of each test. */
let acknowledged: string[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sh-hostile-data-'))
  dataDir = join(dir, 'data')
  writeFileSync(join(dir, 'status.json'), '{}')
  acknowledged = []
})

afterEach(async () => {
  await service?.kill()
  service = null
  disk?.unmount()
  disk = null
  rmSync(dir, { recursive: true, force: true })
})

async function serve(): Promise<ServiceProcess> {
  service = await startService(['--status', join(dir, 'status.json'), '--data', dataDir])
  return service
}

async function postReport(url: string): Promise<Response> {
  const res = await fetchWithin(`${url}/v1/reports`, 5000, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sampleReport()),
  })
  if (res.status === 201) acknowledged.push(((await res.clone().json()) as { id: string }).id)
  return res
}

interface Health {
  ok: boolean
  reports: { writable: boolean; reason: string | null }
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const res = await fetchWithin(`${url}/healthz`)
  return { status: res.status, body: (await res.json()) as Health }
}

/** What `startup-help reports list` finds on disk (the CLI reads the file, not the service). */
async function storedIds(): Promise<string[]> {
  const listed = await runCli(['reports', 'list', '--data', dataDir, '--json', '--limit', '500'])
  expect(listed.code, listed.stderr).toBe(0)
  return (JSON.parse(listed.stdout) as { id: string }[]).map((report) => report.id)
}

async function expectRefused(url: string, reason: string): Promise<void> {
  // A full disk may still take a report or two into the last page of the file: post until refused.
  let res = await postReport(url)
  for (let tries = 1; res.status === 201 && tries < 10; tries++) res = await postReport(url)
  expect(res.status).toBe(503)
  expect(res.headers.get('retry-after')).toBe('30')
  expect(await res.json()).toMatchObject({ error: { code: 'store-unavailable' } })
  const { status, body } = await health(url)
  expect(status).toBe(503)
  expect(body.reports.writable).toBe(false)
  expect(body.reports.reason).toContain(reason)
}

async function expectRecovered(url: string): Promise<void> {
  const { status, body } = await health(url)
  expect(status, JSON.stringify(body)).toBe(200)
  expect((await postReport(url)).status).toBe(201)
}

describe('the data folder under a running service', () => {
  it('deleted: the next report is stored in the re-created folder and the lock is back', async () => {
    const { url, child } = await serve()
    expect((await postReport(url)).status).toBe(201)
    rmSync(dataDir, { recursive: true })
    expect((await postReport(url)).status).toBe(201)
    expect(await storedIds()).toEqual([acknowledged[1]])
    expect(readFileSync(join(dataDir, 'reports.lock'), 'utf8').trim()).toBe(String(child.pid))
    // The lock is back: a second service on the same folder is refused.
    await expect(
      startService(['--status', join(dir, 'status.json'), '--data', dataDir]),
    ).rejects.toThrow(`is held by process ${child.pid}`)
  })

  it('lock file removed: taken back before the next write', async () => {
    const { url, child } = await serve()
    rmSync(join(dataDir, 'reports.lock'))
    expect((await postReport(url)).status).toBe(201)
    expect(readFileSync(join(dataDir, 'reports.lock'), 'utf8').trim()).toBe(String(child.pid))
    expect(await storedIds()).toEqual(acknowledged)
  })

  it('not re-creatable: 503 with Retry-After, /healthz 503 with the reason, then recovery with no restart', async () => {
    const { url } = await serve()
    expect((await postReport(url)).status).toBe(201)
    rmSync(dataDir, { recursive: true })
    writeFileSync(dataDir, 'a file where the folder was')
    await expectRefused(url, 'the data folder or its reports file was deleted')
    rmSync(dataDir)
    await expectRecovered(url)
    expect(await storedIds()).toEqual([acknowledged[1]])
  })
})

describe.skipIf(!canMountTmpfs)('a full or failing disk (needs root to mount a tmpfs)', () => {
  it('full: 503 while full, /healthz names it, stores again once space is freed', async () => {
    disk = mountSmallDisk(256)
    dataDir = join(disk.path, 'data')
    const { url } = await serve()
    expect((await postReport(url)).status).toBe(201)
    disk.fill()
    await expectRefused(url, 'the disk is full (ENOSPC)')
    disk.free()
    await expectRecovered(url)
    expect((await storedIds()).sort()).toEqual([...acknowledged].sort())
  })

  it('a failed write whose repair fails too: 503, then the store repairs itself once it can', async () => {
    disk = mountSmallDisk(256)
    dataDir = join(disk.path, 'data')
    const { url } = await serve()
    expect((await postReport(url)).status).toBe(201)
    // Disk full, and the file append-only: the write fails and cutting it back fails (EPERM).
    const file = join(dataDir, 'reports.jsonl')
    setAppendOnly(file, true)
    disk.fill()
    await expectRefused(url, 'a failed write could not be undone')
    disk.free()
    expect((await postReport(url)).status).toBe(503)
    setAppendOnly(file, false)
    await expectRecovered(url)
    expect((await storedIds()).sort()).toEqual([...acknowledged].sort())
  })
})
