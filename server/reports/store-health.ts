import { open, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppendFile } from './append-file.js'
import { holdsLock } from './dir-lock.js'

/** Reports cannot be stored right now (folder gone, disk full or read-only); `reason` says which. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
}

/** What `/healthz` tells about the report store. */
export interface ReportStoreHealth {
  writable: boolean
  /** Why reports are refused now, or null. Never a path: `/healthz` is public. */
  reason: string | null
  /** Since when (ISO), or null. */
  since: string | null
}

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

/**
 * What is wrong with the store's place on disk, checked before each acknowledged write: the
 * folder or the reports file deleted or replaced (the open file would take writes that no one
 * can ever read back), or the lock no longer ours (a second service could open the folder).
 * Null when all is in place. Costs a stat, an fstat and a small read per batch of reports.
 *
 * @example
 * await findDiskProblem({ path: 'data/reports.jsonl', lockPath: 'data/reports.lock', file })
 */
export async function findDiskProblem(where: {
  path: string
  lockPath: string
  file: AppendFile
}): Promise<string | null> {
  let onDisk: { dev: number; ino: number }
  try {
    onDisk = await stat(where.path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'the data folder or its reports file was deleted'
      : `the data folder cannot be checked: ${describeDiskError(error)}`
  }
  const open = await where.file.identity()
  if (onDisk.dev !== open.dev || onDisk.ino !== open.ino) return 'the reports file was replaced'
  if (!(await holdsLock(where.lockPath))) return 'the data folder lock was removed'
  return null
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
