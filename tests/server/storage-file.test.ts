import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderReportStorage } from '../../server/storage/folder/folder-report-storage.js'
import { FolderStatusStorage } from '../../server/storage/folder/folder-status-storage.js'
import { describeStorageContract } from './storage-contract.js'

describeStorageContract('folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sh-contract-'))
  const dataDir = join(dir, 'data')
  return {
    async open({ now, retentionDays }) {
      const reports = await FolderReportStorage.open({
        dir: dataDir,
        now,
        retentionDays,
        log: () => {},
      })
      const status = new FolderStatusStorage({ file: join(dir, 'status.json'), dataDir })
      return { reports, status, close: () => reports.close() }
    },
    openStatusWriter: async (history) => ({
      status: new FolderStatusStorage({
        file: join(dir, 'status.json'),
        dataDir,
        ...(history ? { history } : {}),
      }),
      close: async () => {},
    }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
})

describe('folder storage: versions saved outside startup-help', () => {
  let dir: string
  let storage: FolderStatusStorage
  const T0 = Date.parse('2026-11-22T10:00:00.000Z')
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sh-versions-'))
    storage = new FolderStatusStorage({
      file: join(dir, 'status.json'),
      dataDir: join(dir, 'data'),
    })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('says nobody known saved a status file edited by hand, and when the file was saved', async () => {
    await storage.edit(() => ({ text: '{"userMessage":"one"}\n' }), T0, 'alice')
    writeFileSync(join(dir, 'status.json'), '{"userMessage":"by hand"}\n')
    const [current] = await storage.versions()
    expect(current).toMatchObject({
      text: '{"userMessage":"by hand"}\n',
      savedBy: null,
      current: true,
    })
    expect(current?.savedAt).toBe(statSync(join(dir, 'status.json')).mtime.toISOString())
    // The hand-edited text, once replaced, is kept with nobody named either ("one" was lost to
    // the editor's save, which keeps no history).
    await storage.edit(() => ({ text: '{"userMessage":"two"}\n' }), T0 + 1000, 'bob')
    const versions = await storage.versions()
    expect(versions.map((v) => [v.text, v.savedBy])).toEqual([
      ['{"userMessage":"two"}\n', 'bob'],
      ['{"userMessage":"by hand"}\n', null],
    ])
  })

  it('lists history files kept before authors were recorded, with only their replacement time', async () => {
    const history = join(dir, 'data', 'status-history')
    mkdirSync(history, { recursive: true })
    writeFileSync(join(history, '2026-11-20T09-30-00.000Z-0a1b2c3d.json'), '{"helpText":"old"}\n')
    const [old] = await storage.versions()
    expect(old).toMatchObject({
      id: '2026-11-20T09-30-00.000Z-0a1b2c3d',
      savedAt: null,
      savedBy: null,
      replacedAt: '2026-11-20T09:30:00.000Z',
      text: '{"helpText":"old"}\n',
      current: false,
    })
  })

  it('never reads a file outside status-history, whatever the id', async () => {
    writeFileSync(join(dir, 'data-secret.json'), '{"secret":true}\n')
    mkdirSync(join(dir, 'data', 'status-history'), { recursive: true })
    writeFileSync(join(dir, 'data', 'x.json'), '{"secret":true}\n')
    for (const id of ['../x', '../../data-secret', '..%2fx', '.hidden', 'status-history/../../x']) {
      expect(await storage.version(id)).toBeNull()
    }
  })
})
