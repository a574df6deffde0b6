/**
 * The package as a consumer gets it: `npm pack` of this repository, unpacked into an example
 * app's `node_modules/startup-help` (not a link to the sources), and the example built by its own
 * tool (Vite with vite-plugin-pwa), as `npm run build` would in the app.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Inside the repository, so the examples' other packages (vite, workbox) resolve from its node_modules. */
const TMP = join(ROOT, 'tests/.tmp')

/**
 * Packs the package (from the built dist/; npm test builds first) into a new folder and answers
 * the tarball's path and the folder.
 *
 * @example
 * const { tarball, dir } = await packPackage()
 */
export async function packPackage(): Promise<{ tarball: string; dir: string }> {
  mkdirSync(TMP, { recursive: true })
  const dir = mkdtempSync(join(TMP, 'consumer-'))
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of tests running meanwhile.
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir],
    { cwd: ROOT },
  )
  const name = stdout.trim().split('\n').pop() ?? ''
  return { tarball: join(dir, name), dir }
}

/**
 * Copies `examples/<name>` into `dir` and unpacks `tarball` as its `node_modules/startup-help`.
 *
 * @example
 * const app = await installExample('vite-pwa-inject', tarball, dir)
 */
export async function installExample(name: string, tarball: string, dir: string): Promise<string> {
  const app = join(dir, name)
  cpSync(join(ROOT, 'examples', name), app, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist|public)$/.test(source),
  })
  const modules = join(app, 'node_modules')
  mkdirSync(modules, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', modules])
  renameSync(join(modules, 'package'), join(modules, 'startup-help'))
  return app
}

/**
 * `vite build` in the example, with `env` (its VITE_ variables); answers the output folder.
 *
 * @example
 * const dist = await buildExample(app, { VITE_STATUS_URL: status.origin })
 */
export async function buildExample(app: string, env: Record<string, string>): Promise<string> {
  try {
    await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: app,
      env: { ...process.env, ...env },
      timeout: 120_000,
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`vite build failed in ${app}:\n${stdout ?? ''}\n${stderr ?? ''}`)
  }
  return join(app, 'dist')
}

/** Deletes a folder made by {@link packPackage}. */
export function removeConsumerDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
