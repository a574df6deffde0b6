/**
 * The package as consumers install it: its tarball passes publint and "Are the types wrong?"
 * (ESM consumers: Node and bundlers), and the examples type-check against the unpacked tarball.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installExample, packPackage, ROOT, removeConsumerDir } from './consumer-package.js'

const run = promisify(execFile)
const bin = (path: string) => join(ROOT, 'node_modules', path)

/** Runs a Node CLI and answers its exit code and output, never throwing on a non-zero exit. */
async function node(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, timeout: 120_000 })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}

describe('the published package', { timeout: 120_000 }, () => {
  let tarball = ''
  let dir = ''
  beforeAll(async () => {
    ;({ tarball, dir } = await packPackage())
  }, 60_000)
  afterAll(() => removeConsumerDir(dir))

  it('passes publint, with every export in the tarball', async () => {
    const { publint } = await import('publint')
    const { messages } = await publint({ pkgDir: ROOT, level: 'warning', pack: false })
    expect(messages).toEqual([])
    const { stdout } = await run('tar', ['-tzf', tarball])
    for (const file of [
      'package/dist/sw/index.js',
      'package/dist/sw/index.d.ts',
      'package/dist/server/assets.js',
      'package/dist/browser/startup-help-sw.js',
      'package/dist/client/index.d.ts',
    ]) {
      expect(stdout.split('\n')).toContain(file)
    }
  })

  it('has types that resolve for ESM consumers (Node 16+ and bundlers)', async () => {
    const result = await node(
      [
        bin('@arethetypeswrong/cli/dist/index.js'),
        tarball,
        '--profile',
        'esm-only',
        '--format',
        'ascii',
      ],
      dir,
    )
    expect(result.code, result.output).toBe(0)
    // Each of the five entries (client, sw, server, assets, formats) resolves for both.
    expect(result.output.match(/node16 \(from ESM\): 🟢 \(ESM\)/g)).toHaveLength(5)
    expect(result.output.match(/bundler: 🟢 \n/g)).toHaveLength(5)
  })

  it('type-checks the examples against the unpacked tarball, worker and page alike', async () => {
    for (const example of ['vite-pwa-inject', 'vite-pwa-generate']) {
      const app = await installExample(example, tarball, dir)
      for (const project of ['tsconfig.json', 'tsconfig.sw.json']) {
        if (example === 'vite-pwa-generate' && project === 'tsconfig.sw.json') continue
        const result = await node([bin('typescript/bin/tsc'), '-p', project], app)
        expect(result.code, `${example}/${project}: ${result.output}`).toBe(0)
      }
    }
  })
})
