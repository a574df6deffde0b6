import { promisify } from 'node:util'
import { crc32, inflateRaw } from 'node:zlib'

const inflateRawAsync = promisify(inflateRaw)

/** Why a ZIP was refused: `invalid-zip` (not a ZIP, damaged, unsafe names) or `too-large`. */
export class ZipError extends Error {
  override readonly name = 'ZipError'
  readonly code: 'invalid-zip' | 'too-large'
  constructor(code: 'invalid-zip' | 'too-large', message: string) {
    super(message)
    this.code = code
  }
}

/** One entry as the central directory lists it; its sizes are the sender's word, used only as bounds. */
export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  crc32: number
  /** Where its (compressed) data starts in the archive. */
  dataOffset: number
}

export interface ZipListOptions {
  /** More entries than this and the archive is refused (a 1C report holds two or three). */
  maxEntries: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const STORED = 0
const DEFLATED = 8

/**
 * True for a relative name that stays inside the archive's folder: no `..` segment, no absolute
 * or drive path, no backslash (a Windows separator), no control characters.
 *
 * @example
 * isSafeEntryName('screenshot.png') // true
 * isSafeEntryName('../../etc/passwd') // false
 */
export function isSafeEntryName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    !/[\u0000-\u001f\u007f\\]/.test(name) &&
    !name.startsWith('/') &&
    !/^[A-Za-z]:/.test(name) &&
    !name.split('/').includes('..')
  )
}

function findEndRecord(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535: search only that tail.
  const lowest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= lowest; at -= 1) {
    if (zip.readUInt32LE(at) === EOCD) return at
  }
  throw new ZipError('invalid-zip', 'the body is not a ZIP archive (no end of central directory)')
}

/**
 * Lists a ZIP's entries from its central directory, checking every offset against the archive's
 * real length and every name with `isSafeEntryName`. Refuses ZIP64, split and encrypted archives:
 * a 1C report is a few hundred KB.
 *
 * @throws ZipError
 * @example
 * const entries = listZipEntries(body, { maxEntries: 64 })
 */
export function listZipEntries(zip: Buffer, options: ZipListOptions): ZipEntry[] {
  if (zip.length < 22) throw new ZipError('invalid-zip', 'the body is not a ZIP archive')
  const end = findEndRecord(zip)
  const disk = zip.readUInt16LE(end + 4)
  const total = zip.readUInt16LE(end + 10)
  const size = zip.readUInt32LE(end + 12)
  const offset = zip.readUInt32LE(end + 16)
  if (disk !== 0 || total === 0xffff || offset === 0xffffffff) {
    throw new ZipError('invalid-zip', 'split and ZIP64 archives are not accepted')
  }
  if (total > options.maxEntries) {
    throw new ZipError(
      'invalid-zip',
      `the ZIP has ${total} entries; at most ${options.maxEntries} are accepted`,
    )
  }
  if (offset + size > end) {
    throw new ZipError('invalid-zip', 'the ZIP central directory lies outside the archive')
  }
  const entries: ZipEntry[] = []
  let at = offset
  for (let index = 0; index < total; index += 1) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) {
      throw new ZipError('invalid-zip', `ZIP central directory entry ${index + 1} is damaged`)
    }
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressedSize = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localOffset = zip.readUInt32LE(at + 42)
    if (at + 46 + nameLength > end) {
      throw new ZipError('invalid-zip', `ZIP central directory entry ${index + 1} is damaged`)
    }
    // Bit 11: the name is UTF-8; otherwise an old code page, read byte for byte.
    const name = zip
      .subarray(at + 46, at + 46 + nameLength)
      .toString(flags & 0x800 ? 'utf8' : 'latin1')
    if (!isSafeEntryName(name)) {
      throw new ZipError(
        'invalid-zip',
        `ZIP entry name ${JSON.stringify(name.slice(0, 80))} is not a plain relative path`,
      )
    }
    if (flags & 0x1) throw new ZipError('invalid-zip', `ZIP entry ${name} is encrypted`)
    entries.push({
      name,
      method,
      compressedSize,
      crc32: crc,
      dataOffset: dataOffsetOf(zip, localOffset, compressedSize, name),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function dataOffsetOf(zip: Buffer, local: number, compressedSize: number, name: string): number {
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) {
    throw new ZipError('invalid-zip', `ZIP entry ${name} points outside the archive`)
  }
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
  if (start + compressedSize > zip.length) {
    throw new ZipError('invalid-zip', `ZIP entry ${name} runs past the end of the archive`)
  }
  return start
}

/**
 * An entry's content, inflated with a hard cap: inflation stops as soon as the output passes
 * `maxBytes`, whatever size the archive declares, so a ZIP bomb costs at most `maxBytes` of
 * memory. The CRC is checked, so damage is not mistaken for content.
 *
 * @throws ZipError (`too-large` past the cap)
 * @example
 * const text = (await readZipEntry(body, entry, 512 * 1024)).toString('utf8')
 */
export async function readZipEntry(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
): Promise<Buffer> {
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
  let content: Buffer
  if (entry.method === STORED) {
    if (data.length > maxBytes) throw tooLarge(entry, maxBytes)
    content = data
  } else if (entry.method === DEFLATED) {
    try {
      content = await inflateRawAsync(data, { maxOutputLength: maxBytes })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge(entry, maxBytes)
      }
      throw new ZipError(
        'invalid-zip',
        `ZIP entry ${entry.name} is damaged: ${(error as Error).message}`,
      )
    }
  } else {
    throw new ZipError(
      'invalid-zip',
      `ZIP entry ${entry.name} uses compression method ${entry.method}; only stored and deflate are accepted`,
    )
  }
  if (crc32(content) !== entry.crc32) {
    throw new ZipError('invalid-zip', `ZIP entry ${entry.name} is damaged (CRC mismatch)`)
  }
  return content
}

function tooLarge(entry: ZipEntry, maxBytes: number): ZipError {
  return new ZipError('too-large', `ZIP entry ${entry.name} is larger than ${maxBytes} bytes`)
}
