import { describe, expect, it } from 'vitest'
import { diffLines } from '../../server/status/diff-versions.js'

describe('diffLines', () => {
  it('gives each line once, old to new, as same, removed or added', () => {
    expect(diffLines('{\n  "a": 1,\n  "b": 2\n}\n', '{\n  "a": 1,\n  "b": 3\n}\n')).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'same', text: '  "a": 1,' },
      { kind: 'removed', text: '  "b": 2' },
      { kind: 'added', text: '  "b": 3' },
      { kind: 'same', text: '}' },
    ])
  })

  it('ignores line endings and a missing last line break, which mean nothing in JSON', () => {
    expect(diffLines('{\r\n}', '{\n}\n')).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'same', text: '}' },
    ])
  })

  it('handles an empty side and keeps markup as plain text', () => {
    expect(diffLines('', '<b>x</b>\n')).toEqual([{ kind: 'added', text: '<b>x</b>' }])
    expect(diffLines('a\n', '')).toEqual([{ kind: 'removed', text: 'a' }])
    expect(diffLines('', '')).toEqual([])
  })
})
