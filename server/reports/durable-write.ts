import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Makes a file's creation, rename or removal survive a power cut: on Linux a directory entry is
 * durable only after the directory itself is fsync'd. Platforms that cannot open a directory
 * (Windows) skip it.
 *
 * @example
 * await syncDirectory('/var/lib/startup-help')
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error
  } finally {
    await handle?.close()
  }
}

/**
 * Replaces `path` with `bytes` atomically: write a temp file beside it, fsync, rename over,
 * fsync the directory. A crash at any point leaves either the old or the new file, never half.
 *
 * @example
 * await replaceFileDurably('data/reports.jsonl', Buffer.from(kept))
 */
export async function replaceFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  const handle = await open(temp, 'w')
  try {
    let written = 0
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written)
      written += bytesWritten
    }
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  await rename(temp, path)
  await syncDirectory(dirname(path))
}
