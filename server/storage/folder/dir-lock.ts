import { readFile, rm, writeFile } from 'node:fs/promises'
import { isProcessAlive } from './process-alive.js'

/** Paths this process holds, so a second store in the same process is refused as well. */
const heldHere = new Set<string>()

/** Another live process (or store) already owns the data dir; two writers would corrupt the index. */
export class DirLockedError extends Error {
  override readonly name = 'DirLockedError'
}

/**
 * Writes our pid into `path` unless a live process other than us holds it. A lock left by a dead
 * process (a crash, SIGKILL, a zombie not reaped yet) is taken over; one whose pid is our own is
 * stale too (a container restarts with the same pid).
 */
async function takeLockFile(path: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' })
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
      throw new DirLockedError(
        `${path} is held by process ${owner}: another startup-help serve uses this data dir (give each instance its own --data)`,
      )
    }
    await rm(path, { force: true })
  }
  throw new DirLockedError(`could not take ${path}: other processes keep taking it`)
}

/**
 * Takes `path` as a lock file holding our pid (see takeLockFile). Returns the release function.
 *
 * @example
 * const release = await lockFile('data/reports.lock')
 * await release()
 */
export async function lockFile(path: string): Promise<() => Promise<void>> {
  if (heldHere.has(path)) {
    throw new DirLockedError(`${path} is already open in this process`)
  }
  await takeLockFile(path)
  heldHere.add(path)
  return async () => {
    heldHere.delete(path)
    await rm(path, { force: true })
  }
}

/**
 * Takes a lock this process holds again after its file vanished (the data folder was deleted):
 * refused only when another live process took it meanwhile.
 *
 * @throws DirLockedError when another live process holds it now
 * @example
 * if (!(await holdsLock('data/reports.lock'))) await retakeLock('data/reports.lock')
 */
export async function retakeLock(path: string): Promise<void> {
  await takeLockFile(path)
}

/**
 * Whether the lock file at `path` still names this process.
 *
 * @example
 * await holdsLock('data/reports.lock') // true while we own the data dir
 */
export async function holdsLock(path: string): Promise<boolean> {
  const owner = await readFile(path, 'utf8').catch(() => '')
  return Number.parseInt(owner, 10) === process.pid
}
