import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces `file` with `content` so that a reader (or a crash) sees the old bytes or the new ones,
 * never half: write a temp file beside it, fsync, rename over, fsync the folder.
 *
 * @example
 * await writeFileAtomic('./status.json', JSON.stringify(document, null, 2) + '\n')
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const folder = dirname(file)
  const temp = join(
    folder,
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => {})
    throw error
  }
  await handle.close()
  try {
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  // The rename itself is durable only once the folder's entry is on disk.
  const dir = await open(folder, 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}
