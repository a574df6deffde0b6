/**
 * Limits on the status file, checked before it is parsed. A status document is a page of
 * settings: a file past these limits is a mistake or an attack, never a real document, and
 * refusing it early keeps one save from stalling or crashing the service.
 */

/**
 * Largest status file read, in bytes. A document with every field in 20 languages and 50 apps is
 * about 60 KiB; 1 MiB leaves room for far more while a read stays a few milliseconds. Raising it
 * costs memory and parse time on every save (a 1 GB file took 1 GB and stalled the service 5 s).
 */
export const MAX_STATUS_FILE_BYTES = 1024 * 1024

/**
 * Deepest nesting of objects and arrays. A real document is 4 levels deep (apps.crm.userMessage.en);
 * recursive parsers overflow the stack at a few thousand levels, so the limit is checked on the
 * raw text before any parser runs.
 */
export const MAX_STATUS_DEPTH = 64

/**
 * Field names refused anywhere in the document: JavaScript objects treat them specially, so a
 * field named so would be dropped or poison a lookup instead of being kept.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
])

/**
 * Offset of the first bracket that nests deeper than `maxDepth`, or -1. Strings are skipped (a
 * `[` inside a string does not nest); a single pass with no recursion, so any input is safe.
 *
 * @example
 * findTooDeep('{"a":[[1]]}', 2) // 6
 * findTooDeep('{"a":"[[["}', 2) // -1
 */
export function findTooDeep(text: string, maxDepth = MAX_STATUS_DEPTH): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++
      if (depth > maxDepth) return i
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
  return -1
}

export type DecodedStatusBytes = { ok: true; text: string } | { ok: false; message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * The file's bytes as text: UTF-8, with or without a byte order mark (Windows Notepad writes
 * one). UTF-16 and other non-UTF-8 bytes are refused with a message saying how to fix it, rather
 * than a puzzling syntax error at line 1.
 *
 * @example
 * decodeStatusBytes(Buffer.from('\uFEFF{}')) // { ok: true, text: '{}' }
 * decodeStatusBytes(Buffer.from('{}', 'utf16le')) // { ok: false, message: 'the file is UTF-16 …' }
 */
export function decodeStatusBytes(bytes: Uint8Array): DecodedStatusBytes {
  const b0 = bytes[0]
  const b1 = bytes[1]
  const utf16Bom = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)
  // JSON starts with an ASCII character, so UTF-16 without a mark has a zero byte in its first two.
  const utf16NoBom = bytes.length >= 2 && (b0 === 0) !== (b1 === 0)
  if (utf16Bom || utf16NoBom) {
    return {
      ok: false,
      message: 'the file is UTF-16; save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)',
    }
  }
  try {
    // TextDecoder drops a leading UTF-8 byte order mark (ignoreBOM: false).
    return { ok: true, text: utf8.decode(bytes) }
  } catch {
    return { ok: false, message: 'the file is not valid UTF-8; save it as UTF-8' }
  }
}
