import { describe, expect, it } from 'vitest'
import { parseStatusText } from '../../server/status/parse-status-file.js'
import { decodeStatusBytes, findTooDeep } from '../../server/status/status-file-limits.js'

describe('status file limits', () => {
  it('counts nesting outside strings only, escaped quotes included', () => {
    expect(findTooDeep('{"a":[[1]]}', 3)).toBe(-1)
    expect(findTooDeep('{"a":[[1]]}', 2)).toBe(6)
    expect(findTooDeep('{"a":"[[[\\"[[["}', 1)).toBe(-1)
    expect(findTooDeep(`${'['.repeat(100_000)}`, 64)).toBe(64)
  })

  it('accepts exactly 64 levels and refuses 65 with line and column', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`
    expect(parseStatusText(`{"apps":{}}`).ok).toBe(true)
    const at64 = parseStatusText(nested(64))
    // 64 levels parse (and then fail validation on the unknown field, not on depth).
    expect(at64.ok ? '' : at64.problems[0]?.message).not.toContain('nested deeper')
    const at65 = parseStatusText(`\n${nested(65)}`)
    expect(at65.ok ? null : at65.problems[0]).toMatchObject({
      line: 2,
      column: 321,
      message: 'nested deeper than the limit of 64 levels',
    })
  })

  it('decodes UTF-8 with or without a BOM and refuses UTF-16 either way round and broken UTF-8', () => {
    expect(decodeStatusBytes(Buffer.from('\uFEFF{"a":"й"}'))).toEqual({
      ok: true,
      text: '{"a":"й"}',
    })
    expect(decodeStatusBytes(Buffer.from('{}', 'utf16le'))).toMatchObject({ ok: false })
    const bigEndian = Buffer.from('{}', 'utf16le').swap16()
    expect(decodeStatusBytes(bigEndian)).toMatchObject({
      ok: false,
      message: expect.stringContaining('UTF-16'),
    })
    expect(decodeStatusBytes(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not valid UTF-8'),
    })
  })
})
