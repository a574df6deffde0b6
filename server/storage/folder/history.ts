import { createHash } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_HISTORY_LIMITS, type HistoryLimits } from '../history-limits.js'
import { writeFileAtomic } from './durable-write.js'
import { forgetKeptAuthor, recordKeptAuthor, type VersionAuthor } from './version-authors.js'

/**
 * The history folder inside the data dir: one file per replaced version of the status file.
 *
 * @example
 * historyFolder('./data') // 'data/status-history'
 */
export const historyFolder = (dataDir: string) => join(dataDir, 'status-history')

/** `2026-11-22T10-00-00.000Z-1a2b3c4d.json` → its time in ms (NaN for other names). */
function versionTime(name: string): number {
  const stamp = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}\.\d{3}Z)-/.exec(name)
  return stamp ? Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}`) : Number.NaN
}

/**
 * When a kept version was replaced, from its name (ISO), or null for a name not of our making.
 * It is not when that version was saved: the name is stamped by the save that replaced it.
 *
 * @example
 * versionReplacedAt('2026-11-22T10-00-00.000Z-1a2b3c4d.json') // '2026-11-22T10:00:00.000Z'
 */
export function versionReplacedAt(name: string): string | null {
  const time = versionTime(name)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/**
 * Keeps `previousText` (the version about to be replaced) in the data dir, named by time and
 * content hash so versions sort by age and a restore is a copy, with who saved it when that is
 * known; then removes versions past `limits`, so the history cannot grow without bound.
 *
 * @example
 * await keepVersion('./data', oldText, Date.now()) // './data/status-history/2026-11-22T10-00-00.000Z-1a2b3c4d.json'
 */
export async function keepVersion(
  dataDir: string,
  previousText: string,
  now: number,
  limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  author: VersionAuthor | null = null,
): Promise<string> {
  const folder = historyFolder(dataDir)
  await mkdir(folder, { recursive: true })
  const hash = createHash('sha256').update(previousText).digest('hex').slice(0, 8)
  const stamp = new Date(now).toISOString().replaceAll(':', '-')
  const name = `${stamp}-${hash}.json`
  const file = join(folder, name)
  await writeFileAtomic(file, previousText)
  if (author) await recordKeptAuthor(dataDir, name, author)
  await pruneVersions(dataDir, now, limits)
  return file
}

async function pruneVersions(dataDir: string, now: number, limits: HistoryLimits): Promise<void> {
  const versions = await listVersions(dataDir)
  const cutoff = now - limits.days * 86_400_000
  // Newest last; the newest one always stays, whatever its age.
  const doomed = versions
    .slice(0, -1)
    .filter(
      (name, index, older) =>
        older.length + 1 - index > limits.versions || versionTime(name) < cutoff,
    )
  for (const name of doomed) {
    await rm(join(historyFolder(dataDir), name), { force: true })
    await forgetKeptAuthor(dataDir, name)
  }
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
