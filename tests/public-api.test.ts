/**
 * `startup-help/server`'s public surface: exactly the names an embedding app needs, and every
 * JSDoc example on them compiles against the real types (type-checked in memory with the
 * project's own compiler options, nothing written to disk).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as server from '../server/index.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The files behind server/index.ts whose exported declarations carry the public examples. */
const PUBLIC_FILES = [
  'server/index.ts',
  'server/app.ts',
  'server/node.ts',
  'server/reports/config.ts',
  'server/reports/service.ts',
  'server/status/status-store.ts',
]

/** The `@example` blocks of a file's JSDoc comments, without the leading ` * `. */
function examplesOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  return [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap((comment) => {
    const body = (comment[1] ?? '').split('\n').map((line) => line.replace(/^\s*\* ?/, ''))
    const start = body.findIndex((line) => line.startsWith('@example'))
    if (start < 0) return []
    const end = body.findIndex((line, i) => i > start && line.startsWith('@'))
    return [body.slice(start + 1, end < 0 ? undefined : end).join('\n')]
  })
}

function typeErrors(source: string): string[] {
  const configPath = join(ROOT, 'tsconfig.json')
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  )
  if (!config) throw new Error('tsconfig.json could not be read')
  const virtual = join(ROOT, 'tests', '__public-api-examples__.ts')
  const host = ts.createCompilerHost(config.options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language) =>
    name === virtual ? ts.createSourceFile(name, source, language) : getSourceFile(name, language)
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => name === virtual || fileExists(name)
  // An example shows a call; it need not use every name it makes.
  const options = { ...config.options, noEmit: true, noUnusedLocals: false }
  const program = ts.createProgram([virtual], options, host)
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(virtual))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe('startup-help/server', () => {
  it('exports what an embedding app needs, and nothing internal', () => {
    expect(Object.keys(server).sort()).toEqual([
      'StatusStore',
      'createApp',
      'openReportService',
      'readReportsConfig',
      'startServer',
    ])
  })

  it('has JSDoc examples that compile against its types', () => {
    const examples = PUBLIC_FILES.flatMap(examplesOf)
    expect(examples.length).toBeGreaterThanOrEqual(6)
    const names = Object.keys(server).join(', ')
    const source = [
      `import { ${names} } from '../server/index.js'`,
      // What examples may take as given: a store built elsewhere.
      'declare const store: StatusStore',
      ...examples.map(
        (example, i) =>
          `export async function example${i}() {\n${example
            .split('\n')
            .filter((line) => !line.startsWith('import '))
            .join('\n')}\n}`,
      ),
    ].join('\n')
    expect(typeErrors(source)).toEqual([])
  })
})
