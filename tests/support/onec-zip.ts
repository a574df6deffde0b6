import { readFileSync } from 'node:fs'
import { type Zippable, zipSync } from 'fflate'
import type { OneCGetInfoRequest, OneCReport } from '../../formats/onec.js'

const SAMPLES = new URL('../../config-samples/1c/', import.meta.url)

/** `config-samples/1c/getInfo.json`, with overrides. */
export function sampleGetInfo(overrides: Partial<OneCGetInfoRequest> = {}): OneCGetInfoRequest {
  const sample = JSON.parse(readFileSync(new URL('getInfo.json', SAMPLES), 'utf8'))
  return { ...sample, ...overrides }
}

/** `config-samples/1c/report.json`, with overrides (a fresh `id` unless given). */
export function sampleOneCReport(overrides: Record<string, unknown> = {}): OneCReport {
  const sample = JSON.parse(readFileSync(new URL('report.json', SAMPLES), 'utf8'))
  return { ...sample, id: crypto.randomUUID(), ...overrides }
}

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND), so media type sniffing sees a PNG. */
export function tinyPng(): Uint8Array {
  return Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  )
}

/**
 * A report ZIP made by fflate (an independent ZIP writer): `report.json` plus the given files
 * (a screenshot by default). Pass a string as `reportJson` to send malformed text.
 *
 * @example
 * const zip = reportZip(sampleOneCReport(), { 'screenshot.png': tinyPng() })
 */
export function reportZip(
  report: unknown,
  files: Record<string, Uint8Array> = { 'screenshot.png': tinyPng() },
): Buffer {
  const text = typeof report === 'string' ? report : JSON.stringify(report)
  const entries: Zippable = { 'report.json': new TextEncoder().encode(text), ...files }
  return Buffer.from(zipSync(entries, { level: 6 }))
}

/** `size` bytes of zeros: deflates about a thousand to one, the stuff of ZIP bombs. */
export function zeros(size: number): Uint8Array {
  return new Uint8Array(size)
}

/**
 * Rewrites every central-directory entry's declared uncompressed size to `size`: a lying archive,
 * to prove the reader never trusts it.
 */
export function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const copy = Buffer.from(zip)
  for (let at = 0; at + 4 <= copy.length; at += 1) {
    if (copy.readUInt32LE(at) === 0x02014b50) copy.writeUInt32LE(size, at + 24)
  }
  return copy
}

/** A multipart body with the ZIP as a file part named `field` (one receiver reads `report`). */
export function multipartWith(zip: Buffer, field = 'report', extra: Record<string, string> = {}) {
  const form = new FormData()
  for (const [name, value] of Object.entries(extra)) form.append(name, value)
  form.append(field, new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'report.zip')
  return form
}
