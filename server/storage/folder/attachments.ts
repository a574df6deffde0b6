import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportAttachment } from '../../../formats/report.js'
import { writeFileAtomic } from './durable-write.js'

/** Beside `reports.jsonl` in the data dir. */
export const ATTACHMENTS_DIR_NAME = 'attachments'

/** `<sha256>.<ext>`: the only names the store writes and the only keys it reads. */
const KEY_PATTERN = /^[0-9a-f]{64}\.(png|jpg|gif|bmp|bin)$/

type MediaType = ReportAttachment['mediaType']

const EXTENSIONS: Record<MediaType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'application/octet-stream': 'bin',
}

const MEDIA_TYPES = Object.fromEntries(
  Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type as MediaType]),
) as Record<string, MediaType>

/**
 * The media type by the file's first bytes, never by its name: a name is the sender's word.
 *
 * @example
 * sniffMediaType(pngBytes) // 'image/png'
 */
export function sniffMediaType(bytes: Uint8Array): MediaType {
  const starts = (...magic: number[]) => magic.every((value, index) => bytes[index] === value)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x42, 0x4d)) return 'image/bmp'
  return 'application/octet-stream'
}

/** Where attachments live; a PostgreSQL store may keep them elsewhere behind the same shape. */
export interface AttachmentStore {
  /** Keeps `bytes` durably (on disk before it resolves) and describes them. */
  save(bytes: Uint8Array, name: string, role: ReportAttachment['role']): Promise<ReportAttachment>
  /** The bytes and media type of a key, or null for an unknown or malformed key. */
  read(key: string): Promise<{ bytes: Buffer; mediaType: MediaType } | null>
  /** Deletes attachments not saved (nor saved again) since `cutoffMs`; returns how many. */
  prune(cutoffMs: number): Promise<number>
}

/**
 * Attachments as files under `<data>/attachments/`, named by their SHA-256: the same screenshot
 * sent twice is kept once, and no name from the network ever becomes a path.
 *
 * @example
 * const attachments = createFileAttachmentStore('data')
 * const saved = await attachments.save(pngBytes, 'screenshot.png', 'screenshot') // saved.key: '3f…a1.png'
 */
export function createFileAttachmentStore(dataDir: string): AttachmentStore {
  const dir = join(dataDir, ATTACHMENTS_DIR_NAME)
  return {
    async save(bytes, name, role) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const mediaType = sniffMediaType(bytes)
      const key = `${sha256}.${EXTENSIONS[mediaType]}`
      const path = join(dir, key)
      await mkdir(dir, { recursive: true })
      const existing = await stat(path).catch(() => null)
      if (existing?.size === bytes.length) {
        // Same content already kept: refresh its age so retention counts from the newest report.
        const now = new Date()
        await utimes(path, now, now)
      } else {
        await writeFileAtomic(path, bytes)
      }
      return { role, name, mediaType, bytes: bytes.length, sha256, key }
    },
    async read(key) {
      const match = KEY_PATTERN.exec(key)
      if (!match) return null
      try {
        const bytes = await readFile(join(dir, key))
        return { bytes, mediaType: MEDIA_TYPES[match[1] as string] ?? 'application/octet-stream' }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async prune(cutoffMs) {
      let names: string[]
      try {
        names = await readdir(dir)
      } catch {
        return 0
      }
      let removed = 0
      for (const name of names) {
        if (!KEY_PATTERN.test(name)) continue
        const info = await stat(join(dir, name)).catch(() => null)
        if (info && info.mtimeMs < cutoffMs) {
          await rm(join(dir, name), { force: true })
          removed += 1
        }
      }
      return removed
    },
  }
}
