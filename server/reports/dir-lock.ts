import { readFile, rm, writeFile } from 'node:fs/promises'

/** Paths this process holds, so a second store in the same process is refused as well. */
const heldHere = new Set<string>()

/** Another live process (or store) already owns the data dir; two writers would corrupt the index. */
export class DirLockedError extends Error {
  override readonly name = 'DirLockedError'
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `path` as a lock file holding our pid. A lock left by a dead process (a crash, SIGKILL)
 * is taken over; one whose pid is our own is stale too (a container restarts with the same pid).
 * Returns the release function.
 *
 * @example
 * const release = await lockFile('data/reports.lock')
 * await release()
 */
export async function lockFile(path: string): Promise<() => Promise<void>> {
  if (heldHere.has(path)) {
    throw new DirLockedError(`${path} is already open in this process`)
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' })
      heldHere.add(path)
      return async () => {
        heldHere.delete(path)
        await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new DirLockedError(
        `${path} is held by process ${owner}: another startup-help serve uses this data dir (give each instance its own --data)`,
      )
    }
    await rm(path, { force: true })
  }
  throw new DirLockedError(`could not take ${path}: other processes keep taking it`)
}
