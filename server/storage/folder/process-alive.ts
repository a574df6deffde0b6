import { readFileSync } from 'node:fs'

/**
 * Whether process `pid` is running. `kill(pid, 0)` alone also succeeds on a zombie: a process that
 * died but that its parent has not reaped yet, which under a slow-reaping init (containers) can
 * last long after a kill -9. On Linux the state in /proc tells them apart; elsewhere `kill` decides.
 *
 * @example
 * isProcessAlive(process.pid) // true
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (error) {
    // Gone since the kill: dead. No /proc at all (macOS, Windows): trust the kill.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || !hasProc()
  }
  // "pid (name) S …": the name may hold spaces and parentheses, the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state !== 'Z' && state !== 'X'
}

let procChecked: boolean | null = null
function hasProc(): boolean {
  if (procChecked === null) {
    try {
      readFileSync('/proc/self/stat')
      procChecked = true
    } catch {
      procChecked = false
    }
  }
  return procChecked
}
