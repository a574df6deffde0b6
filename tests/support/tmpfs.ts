import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Whether this machine lets the tests mount a small tmpfs (root in a container that allows
 * mounts): the only honest way to fill a disk without filling the real one. Tests that need it
 * are skipped elsewhere, and say so in their name.
 */
export const canMountTmpfs: boolean = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const dir = mkdtempSync(join(tmpdir(), 'sh-tmpfs-probe-'))
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status !== 0)
      return false
    spawnSync('umount', [dir])
    return true
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})()

/** A small disk of its own: `path` is its root; `unmount()` when done. */
export interface SmallDisk {
  path: string
  /** Fills every free byte with a file (ENOSPC from then on); `free()` deletes it. */
  fill(): void
  free(): void
  unmount(): void
}

/**
 * Mounts a tmpfs of `sizeKiB` in a new temp folder.
 *
 * @example
 * const disk = mountSmallDisk(512)
 * disk.fill() // writes fail with ENOSPC
 */
export function mountSmallDisk(sizeKiB: number): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'sh-small-disk-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', path])
  const filler = join(path, 'filler')
  return {
    path,
    fill: () => {
      // dd stops with "No space left on device": that is the point, not an error.
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1k'], { stdio: 'ignore' })
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      spawnSync('umount', ['-l', path])
      rmSync(path, { recursive: true, force: true })
    },
  }
}

/** Makes a data folder's file append-only (`chattr +a`): truncating it then fails with EPERM. */
export function setAppendOnly(file: string, on: boolean): void {
  execFileSync('chattr', [on ? '+a' : '-a', file])
}
