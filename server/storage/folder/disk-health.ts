import { open, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A failed file operation in words an admin acts on.
 *
 * @example
 * describeDiskError(Object.assign(new Error(), { code: 'ENOSPC' })) // 'the disk is full (ENOSPC)'
 */
export function describeDiskError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT') return `the disk is full (${code})`
  if (code === 'EROFS') return 'the file system is read-only (EROFS)'
  if (code === 'EACCES' || code === 'EPERM')
    return `no permission to write the data folder (${code})`
  if (code === 'ENOENT' || code === 'ENOTDIR') return `the data folder is missing (${code})`
  if (code === 'EIO') return 'the disk reports an I/O error (EIO)'
  return code ? `a disk error (${code})` : (error as Error).message
}

/** Which file a path named when the store opened it (a file replaced at the path gets another). */
export interface FileIdentity {
  dev: number
  ino: number
}

const sameFile = (a: FileIdentity, b: FileIdentity) => a.dev === b.dev && a.ino === b.ino

/**
 * What is wrong with the store's place on disk, checked before each acknowledged write: the
 * folder or the reports file deleted or replaced (the open file would take writes that no one
 * can ever read back), or the lock file removed or replaced (a second service could open the
 * folder). Null when all is in place. Costs two stats per batch of reports, run side by side.
 *
 * @example
 * await findDiskProblem({ path: 'data/reports.jsonl', file: opened, lockPath: 'data/reports.lock', lock: taken })
 */
export async function findDiskProblem(where: {
  path: string
  file: FileIdentity
  lockPath: string
  lock: FileIdentity
}): Promise<string | null> {
  const [file, lock] = await Promise.allSettled([stat(where.path), stat(where.lockPath)])
  if (file.status === 'rejected') {
    const code = (file.reason as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'the data folder or its reports file was deleted'
      : `the data folder cannot be checked: ${describeDiskError(file.reason)}`
  }
  if (!sameFile(file.value, where.file)) return 'the reports file was replaced'
  if (lock.status === 'rejected' || !sameFile(lock.value, where.lock))
    return 'the data folder lock was removed'
  return null
}

/**
 * The identity of the file at `path` now.
 *
 * @example
 * const lock = await identityOf('data/reports.lock')
 */
export async function identityOf(path: string): Promise<FileIdentity> {
  const { dev, ino } = await stat(path)
  return { dev, ino }
}

/**
 * Writes, syncs and removes a small file in `dir`: the only sure way to know a full or read-only
 * disk takes writes again. Null when it does, else the reason.
 *
 * @example
 * await probeWritable('data') // null
 */
export async function probeWritable(dir: string): Promise<string | null> {
  const path = join(dir, `.probe.${process.pid}.tmp`)
  try {
    const handle = await open(path, 'w')
    try {
      await handle.write('ok')
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await rm(path, { force: true })
    return null
  } catch (error) {
    await rm(path, { force: true }).catch(() => {})
    return describeDiskError(error)
  }
}
