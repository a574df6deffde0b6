/**
 * The README's setup snippets are the examples' code, not a retyped copy: each block marked
 * `<!-- example: PATH -->` must equal the `#region readme` parts of that file, joined.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './consumer-package.js'

/** The lines between `// #region readme` and `// #endregion readme`, every region in order. */
function readmeRegions(source: string): string {
  const kept: string[] = []
  let inside = false
  for (const line of source.split('\n')) {
    if (line.trim() === '// #region readme') inside = true
    else if (line.trim() === '// #endregion readme') inside = false
    else if (inside) kept.push(line)
  }
  return kept.join('\n').trim()
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const marked = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)]

describe('README snippets', () => {
  it('shows the three setups with a worker of its own, each from an example', () => {
    expect(marked.map((match) => match[1])).toEqual([
      'examples/vite-pwa-inject/src/sw.ts',
      'examples/vite-pwa-inject/vite.config.ts',
      'examples/vite-pwa-generate/vite.config.ts',
    ])
  })

  for (const [, path = '', snippet = ''] of marked) {
    it(`has ${path} as it is in the example`, () => {
      const regions = readmeRegions(readFileSync(join(ROOT, path), 'utf8'))
      expect(regions.length).toBeGreaterThan(0)
      expect(snippet.trim()).toBe(regions)
    })
  }
})
