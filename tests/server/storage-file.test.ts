import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReportFileStore } from '../../server/reports/file-store.js'
import { FileStatusStorage } from '../../server/storage/file-status-storage.js'
import { describeStorageContract } from './storage-contract.js'

describeStorageContract('folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sh-contract-'))
  const dataDir = join(dir, 'data')
  return {
    async open({ now, retentionDays }) {
      const reports = await ReportFileStore.open({
        dir: dataDir,
        now,
        retentionDays,
        log: () => {},
      })
      const status = new FileStatusStorage({ file: join(dir, 'status.json'), dataDir })
      return { reports, status, close: () => reports.close() }
    },
    openStatusWriter: async () => ({
      status: new FileStatusStorage({ file: join(dir, 'status.json'), dataDir }),
      close: async () => {},
    }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
})
