import { readFile, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StatusFileBusyError } from '../status-file-busy.js'
import { isProcessAlive } from './process-alive.js'

/**
 * How long a writer waits for another one to finish (ms). A save is a read, a validation and two
 * fsyncs: milliseconds; 5 s only passes when a writer hangs on a failing disk.
 */
const WAIT_MS = 5_000
const POLL_MS = 10

/**
 * The lock beside the status file that every startup-help writer (the admin PUT, `message`)
 * takes around read-compare-write: `.status.json.lock` in the file's folder.
 *
 * @example
 * editLockPath('/etc/startup-help/status.json') // '/etc/startup-help/.status.json.lock'
 */
export const editLockPath = (file: string) => join(dirname(file), `.${basename(file)}.lock`)

/**
 * Takes the status file's edit lock (waiting for another writer up to 5 s); a lock whose owner
 * died, a zombie included, is taken over. Returns the release function.
 *
 * @throws StatusFileBusyError when a live writer holds it for longer
 * @example
 * const release = await takeEditLock('./status.json')
 * try { … } finally { await release() }
 */
export async function takeEditLock(file: string): Promise<() => Promise<void>> {
  const path = editLockPath(file)
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' })
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
    // An empty lock is one being written right now: wait, never break it.
    if (Number.isInteger(owner) && !isProcessAlive(owner)) {
      await rm(path, { force: true })
      continue
    }
    if (Date.now() > deadline) {
      throw new StatusFileBusyError(
        `the status file is being saved by process ${owner} for more than ${WAIT_MS / 1000} s; try again (or delete ${basename(path)} beside the status file if that process hangs)`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
