import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isProcessAlive } from './process-alive.js'

/** Temp files our writers make: `.NAME.PID.HEX8.tmp` (writeTempBeside) and `.probe.PID.tmp`. */
const TEMP_NAME = /^\.(?:.+\.(\d+)\.[0-9a-f]{8}|probe\.(\d+))\.tmp$/

/**
 * Removes temp files that a startup-help writer killed mid-save left in `dir` (never an
 * acknowledged write: those are renamed into place first). Only names of our own pattern, and
 * only when their writer is dead; with `onlyFor`, only temps of that file (the status file's
 * folder is shared with other files). Returns the names removed.
 *
 * @example
 * await removeStaleTempFiles('/var/lib/startup-help') // ['.reports.jsonl.4242.1a2b3c4d.tmp']
 */
export async function removeStaleTempFiles(
  dir: string,
  options: { onlyFor?: string } = {},
): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = TEMP_NAME.exec(name)
    if (!match) continue
    if (options.onlyFor !== undefined && !name.startsWith(`.${options.onlyFor}.`)) continue
    const pid = Number(match[1] ?? match[2])
    // Our own pid too is a writer that is gone: a container restarts with the same pid, and
    // nothing of this process writes before the service has started.
    if (pid !== process.pid && isProcessAlive(pid)) continue
    await rm(join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}
