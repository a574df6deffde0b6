import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createFileAttachmentStore,
  sniffMediaType,
} from '../../server/storage/folder/attachments.js'
import { tinyPng } from '../support/onec-zip.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sh-attachments-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the file attachment store', () => {
  it('keeps a file under its SHA-256 with the sniffed type, once for the same content', async () => {
    const store = createFileAttachmentStore(dir)
    const first = await store.save(tinyPng(), 'screenshot.bmp', 'screenshot')
    const again = await store.save(tinyPng(), 'other-name.png', 'screenshot')
    expect(first).toMatchObject({
      name: 'screenshot.bmp',
      mediaType: 'image/png',
      bytes: tinyPng().length,
    })
    expect(first.key).toBe(`${first.sha256}.png`)
    expect(again.key).toBe(first.key)
    expect(await readdir(join(dir, 'attachments'))).toEqual([first.key])
    const read = await store.read(first.key)
    expect(read?.mediaType).toBe('image/png')
    expect(new Uint8Array(read?.bytes ?? [])).toEqual(tinyPng())
  })

  it('reads only keys of its own form, so no key reaches another file', async () => {
    const store = createFileAttachmentStore(dir)
    await writeFile(join(dir, 'reports.jsonl'), 'secret')
    for (const key of ['../reports.jsonl', 'reports.jsonl', `${'a'.repeat(64)}.exe`, '']) {
      expect(await store.read(key), key).toBeNull()
    }
    expect(await store.read(`${'a'.repeat(64)}.png`)).toBeNull()
  })

  it('prunes files older than the cutoff and keeps newer ones', async () => {
    const store = createFileAttachmentStore(dir)
    const old = await store.save(tinyPng(), 'a.png', 'screenshot')
    const fresh = await store.save(new Uint8Array([1, 2, 3]), 'b.bin', 'screenshot')
    const longAgo = new Date('2026-01-01T00:00:00Z')
    await utimes(join(dir, 'attachments', old.key), longAgo, longAgo)
    expect(await store.prune(Date.parse('2026-06-01T00:00:00Z'))).toBe(1)
    expect(await readdir(join(dir, 'attachments'))).toEqual([fresh.key])
  })

  it('tells PNG, JPEG, GIF and BMP by their first bytes, anything else is octet-stream', () => {
    expect(sniffMediaType(tinyPng())).toBe('image/png')
    expect(sniffMediaType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffMediaType(new TextEncoder().encode('GIF89a'))).toBe('image/gif')
    expect(sniffMediaType(new TextEncoder().encode('BM6'))).toBe('image/bmp')
    expect(sniffMediaType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBe(
      'application/octet-stream',
    )
  })
})
