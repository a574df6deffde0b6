/**
 * The rooms of the house and the arrows allowed between them (ARCHITECTURE.md): formats/ imports
 * nothing of ours; help-page/ imports only formats/; client/, sw/ and server/ never import each
 * other; and no module imports itself through a circle.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ROOMS = ['formats', 'help-page', 'client', 'sw', 'server', 'console-ui'] as const
type Room = (typeof ROOMS)[number]

/** Which rooms each room may import from (besides itself). */
const ALLOWED: Record<Room, Room[]> = {
  formats: [],
  'help-page': ['formats'],
  client: ['formats', 'help-page'],
  sw: ['formats', 'help-page'],
  server: ['formats', 'help-page'],
  // The console's browser script talks to the server over HTTP only.
  'console-ui': ['formats'],
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Relative imports of a file (static, re-exports and dynamic), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'(\.[^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((match) => match[1] ?? '')
  return specifiers.map((specifier) =>
    normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts'),
  )
}

const roomOf = (file: string) => file.split('/')[0] as Room
const files = ROOMS.flatMap((room) => sourceFiles(room))
const graph = new Map(files.map((file) => [file, importsOf(file)]))

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(graph.get('sw/help-response.ts')).toContain('help-page/render-document.ts')
  })

  it('has no arrow between rooms that the house does not allow', () => {
    const wrong = files.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => {
          const to = roomOf(target)
          return to !== roomOf(file) && !ALLOWED[roomOf(file)].includes(to)
        })
        .map((target) => `${file} → ${target}`),
    )
    expect(wrong).toEqual([])
  })

  it('has no import circles', () => {
    const circles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'open')
      for (const target of graph.get(file) ?? []) {
        if (graph.has(target)) visit(target, [...path, file])
      }
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(circles).toEqual([])
  })

  it('names only files that exist', () => {
    const missing = files.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => ROOMS.includes(roomOf(target)) && !graph.has(target))
        .filter((target) => !target.endsWith('.json') && !target.endsWith('.css'))
        .map((target) => `${file} → ${relative('.', target)}`),
    )
    expect(missing).toEqual([])
  })
})
