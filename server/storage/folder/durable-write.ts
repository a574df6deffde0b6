import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

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
 * Writes `content` to a new temp file beside `path` (unique name, so two writers never share
 * one) and fsyncs it; returns its path. `commitTemp` renames it over `path`. Split from
 * `writeFileAtomic` so a writer can compare the target once more right before the rename.
 *
 * @example
 * const temp = await writeTempBeside('./status.json', text)
 * await commitTemp(temp, './status.json')
 */
export async function writeTempBeside(path: string, content: string | Uint8Array): Promise<string> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  return temp
}

/**
 * Renames a temp file of `writeTempBeside` over `path` and fsyncs the folder; the temp file is
 * removed when the rename fails.
 *
 * @example
 * await commitTemp(temp, './status.json')
 */
export async function commitTemp(temp: string, path: string): Promise<void> {
  try {
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dirname(path))
}

/**
 * Replaces `path` with `content` atomically: write a temp file beside it, fsync, rename over,
 * fsync the directory. A reader or a crash at any point sees the old file or the new one, never
 * half. Used for the status history and report compaction.
 *
 * @example
 * await writeFileAtomic('./status.json', JSON.stringify(document, null, 2) + '\n')
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await commitTemp(await writeTempBeside(path, content), path)
}
