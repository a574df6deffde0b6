/**
 * The rooms of the house and the arrows allowed between them (ARCHITECTURE.md): formats/ imports
 * nothing of ours; help-page/ imports only formats/; client/, sw/ and server/ never import each
 * other; inside server/ every import points down its floors; and no module imports itself
 * through a circle.
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

/**
 * The floors inside server/, top to bottom: a file imports only its own folder and the floors
 * below its own. A floor lists folders (and the few loose files at the server root).
 */
const SERVER_FLOORS: string[][] = [
  ['cli', 'index.ts'],
  ['node.ts'],
  ['app.ts', 'export'],
  ['console', 'routes'],
  ['onec'],
  ['reports'],
  ['storage'],
  ['status'],
  ['middleware'],
  ['http', 'settings', 'assets.ts', 'version.ts'],
]
/** The storage backends: each imports the interfaces in storage/, never the other backend. */
const BACKENDS = ['folder', 'postgres']
/** The console's page groups: each imports ui/ and the console's root, never another page. */
const CONSOLE_PAGES = ['status', 'reports', 'history', 'sign-in']

const serverUnit = (file: string) => file.split('/')[1] ?? ''
const floorOf = (unit: string) => SERVER_FLOORS.findIndex((floor) => floor.includes(unit))
const subfolder = (file: string) => (file.split('/').length > 3 ? (file.split('/')[2] ?? '') : '')

/** Why an import inside server/ is not allowed, or null when it is. */
function serverArrowProblem(file: string, target: string): string | null {
  const from = serverUnit(file)
  const to = serverUnit(target)
  if (from === to) {
    const [a, b] = [subfolder(file), subfolder(target)]
    if (from === 'storage' && BACKENDS.includes(b) && a !== b) return 'into a backend'
    // The console's root (mount, request context) reaches every page; a page or ui/ only its own.
    const inPage = CONSOLE_PAGES.includes(a) || a === 'ui'
    if (from === 'console' && inPage && CONSOLE_PAGES.includes(b) && a !== b)
      return 'into another page'
    return null
  }
  if (floorOf(from) < 0 || floorOf(to) < 0) return 'a folder on no floor'
  return floorOf(to) > floorOf(from) ? null : 'not down the floors'
}

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

  it('points every import inside server/ down the floors', () => {
    const serverFiles = files.filter((file) => roomOf(file) === 'server')
    const wrong = serverFiles.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => roomOf(target) === 'server')
        .flatMap((target) => {
          const problem = serverArrowProblem(file, target)
          return problem ? [`${file} → ${target} (${problem})`] : []
        }),
    )
    expect(wrong).toEqual([])
    // The checker itself: an upward arrow and a backend reaching into the other are caught.
    expect(serverArrowProblem('server/storage/report-storage.ts', 'server/routes/reports.ts')).toBe(
      'not down the floors',
    )
    expect(
      serverArrowProblem('server/storage/postgres/x.ts', 'server/storage/folder/history.ts'),
    ).toBe('into a backend')
  })

  it('keeps only entry points loose at the server root', () => {
    const loose = readdirSync(join(ROOT, 'server')).filter((name) => name.endsWith('.ts'))
    expect(loose.length).toBeLessThanOrEqual(6)
    for (const name of loose) expect(floorOf(name), name).toBeGreaterThanOrEqual(0)
    for (const folder of readdirSync(join(ROOT, 'server'), { withFileTypes: true })) {
      if (folder.isDirectory()) expect(floorOf(folder.name), folder.name).toBeGreaterThanOrEqual(0)
    }
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
