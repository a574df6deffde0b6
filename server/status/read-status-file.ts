import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import { decodeStatusBytes, MAX_STATUS_FILE_BYTES } from './status-file-limits.js'

/** Why a status file could not be read; `transient` ones are tried again at the next poll. */
export type StatusReadFailure = {
  ok: false
  code: 'missing' | 'not-a-file' | 'too-large' | 'encoding' | 'unreadable'
  message: string
  transient: boolean
}

export type StatusRead = { ok: true; text: string; mtimeMs: number } | StatusReadFailure

// O_NONBLOCK: opening a FIFO put in the file's place returns at once instead of waiting for a
// writer (and blocking the whole service); the fstat check below then refuses it. 0 on Windows.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

function failure(code: StatusReadFailure['code'], message: string, transient = false) {
  return { ok: false, code, message, transient } as const
}

/** Open and read errors as a message without the path (answers of the HTTP API never show one). */
function fromError(error: unknown): StatusReadFailure {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return failure('missing', 'the file does not exist (yet)')
  if (code === 'EISDIR') return failure('not-a-file', 'the path is a folder, not a file')
  // EMFILE/ENFILE (no free descriptors), EIO, EACCES…: may pass, so the next poll tries again.
  return failure('unreadable', `cannot read the file (${code ?? 'error'}); trying again`, true)
}

/** Refuses what is not a regular file or is over the limit, before reading a byte. */
function checkStats(stats: Stats): StatusReadFailure | null {
  if (!stats.isFile())
    return failure(
      'not-a-file',
      'not a regular file (a device, pipe or socket is never read); point the path at a JSON file',
    )
  if (stats.size > MAX_STATUS_FILE_BYTES) return tooLarge()
  return null
}

const tooLarge = () =>
  failure(
    'too-large',
    `the file is larger than the limit of ${MAX_STATUS_FILE_BYTES} bytes (1 MiB); a status document is a page of settings`,
  )

function finish(buffer: Buffer, length: number, mtimeMs: number): StatusRead {
  // One byte past the limit was asked for: a file that grew after the fstat is still refused.
  if (length > MAX_STATUS_FILE_BYTES) return tooLarge()
  const decoded = decodeStatusBytes(buffer.subarray(0, length))
  return decoded.ok
    ? { ok: true, text: decoded.text, mtimeMs }
    : failure('encoding', decoded.message)
}

/**
 * Reads the status file without ever blocking on it: only a regular file of at most
 * MAX_STATUS_FILE_BYTES is read (a FIFO, `/dev/zero` behind a symlink or a 1 GB file is refused
 * after one fstat), decoded as UTF-8 (a BOM is fine, UTF-16 is refused by name).
 *
 * @example
 * const read = await readStatusFile('./status.json')
 * if (read.ok) parseStatusText(read.text)
 */
export async function readStatusFile(path: string): Promise<StatusRead> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    return fromError(error)
  }
  try {
    const stats = await handle.stat()
    const refused = checkStats(stats)
    if (refused) return refused
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_STATUS_FILE_BYTES) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return finish(buffer, length, stats.mtimeMs)
  } catch (error) {
    return fromError(error)
  } finally {
    await handle.close().catch(() => {})
  }
}

/**
 * `readStatusFile` for callers that need the answer now (the first load before the service
 * listens, the reload right after an admin write). Bounded by the same checks, so it cannot hang.
 *
 * @example
 * const read = readStatusFileSync('./status.json')
 */
export function readStatusFileSync(path: string): StatusRead {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    return fromError(error)
  }
  try {
    const stats = fstatSync(fd)
    const refused = checkStats(stats)
    if (refused) return refused
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_STATUS_FILE_BYTES) + 1)
    let length = 0
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return finish(buffer, length, stats.mtimeMs)
  } catch (error) {
    return fromError(error)
  } finally {
    closeSync(fd)
  }
}
