import { createHash } from 'node:crypto'
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../durable-write.js'

/**
 * The history folder inside the data dir: one file per replaced version of the status file.
 *
 * @example
 * historyFolder('./data') // 'data/status-history'
 */
export const historyFolder = (dataDir: string) => join(dataDir, 'status-history')

/**
 * Keeps `previousText` (the version about to be replaced) in the data dir, named by time and
 * content hash so versions sort by age and a restore is a copy.
 *
 * @example
 * await keepVersion('./data', oldText, Date.now()) // './data/status-history/2026-11-22T10-00-00.000Z-1a2b3c4d.json'
 */
export async function keepVersion(
  dataDir: string,
  previousText: string,
  now: number,
): Promise<string> {
  const folder = historyFolder(dataDir)
  await mkdir(folder, { recursive: true })
  const hash = createHash('sha256').update(previousText).digest('hex').slice(0, 8)
  const stamp = new Date(now).toISOString().replaceAll(':', '-')
  const file = join(folder, `${stamp}-${hash}.json`)
  await writeFileAtomic(file, previousText)
  return file
}

/**
 * The kept versions, oldest first.
 *
 * @example
 * const versions = await listVersions('./data')
 */
export async function listVersions(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(historyFolder(dataDir))).filter((n) => n.endsWith('.json')).sort()
  } catch {
    return []
  }
}
