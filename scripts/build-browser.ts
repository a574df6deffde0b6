/**
 * The browser build: esbuild bundles (minified, production: dev-only logs and workbox's asserts
 * stripped) of the service worker, the client library and the help page, then workbox-build's
 * injectManifest writes dist/browser/sw.js with the help page assets precached.
 *
 * dist/browser/sw.template.js is kept (manifest not yet injected) so `startup-help build-sw --out
 * DIR` can inject a manifest made for DIR.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build } from 'esbuild'
import { injectServiceWorker, SW_TEMPLATE } from '../server/cli/build-sw.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = join(root, 'dist/browser')
const INJECTION_POINT = 'self.__WB_' + 'MANIFEST' // split: this file must not count as a mention

const production: BuildOptions = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['chrome100', 'firefox100', 'safari15'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __STARTUP_HELP_DEV__: 'false',
  },
  drop: ['debugger'],
  logLevel: 'warning',
}

const source = (path: string) => join(root, path)

/** Builds an entry only when its source exists: other parts of the tree may still be in progress. */
function missing(paths: string[]): string[] {
  return paths.filter((path) => !existsSync(source(path)))
}

/**
 * Bundles the browser entries into dist/browser and writes sw.js.
 *
 * @example
 * await buildBrowser()
 */
export async function buildBrowser(): Promise<void> {
  mkdirSync(outDir, { recursive: true })
  const skipped: string[] = []

  // The client: one ES module; a lazily imported UI lands in chunks/ (esbuild splitting).
  if (missing(['client/index.ts']).length === 0) {
    await build({
      ...production,
      entryPoints: { 'startup-help': source('client/index.ts') },
      outdir: outDir,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    })
  } else skipped.push('startup-help.js')

  // The help page: a classic script works both as `<script src>` and `<script type=module src>`.
  if (missing(['client/help-page/main.ts']).length === 0) {
    await build({
      ...production,
      entryPoints: [source('client/help-page/main.ts')],
      outfile: join(outDir, 'help-page.js'),
      format: 'iife',
    })
  } else skipped.push('help-page.js')
  if (missing(['client/ui/help-panel.css']).length === 0) {
    await build({
      ...production,
      entryPoints: [source('client/ui/help-panel.css')],
      outfile: join(outDir, 'help-page.css'),
    })
  } else skipped.push('help-page.css')

  // The service worker: a classic script (registered without type: 'module', works everywhere).
  if (missing(['sw/sw.ts', 'client/help-page/render-document.ts']).length === 0) {
    const template = join(outDir, SW_TEMPLATE)
    await build({
      ...production,
      entryPoints: [source('sw/sw.ts')],
      outfile: template,
      format: 'iife',
    })
    const mentions = readFileSync(template, 'utf8').split(INJECTION_POINT).length - 1
    if (mentions !== 1) {
      throw new Error(
        `${SW_TEMPLATE} mentions the injection point ${mentions} times; want exactly 1`,
      )
    }
    const { count, warnings } = await injectServiceWorker({ template, outDir })
    for (const warning of warnings) console.warn(`build-browser: ${warning}`)
    if (count < 2) console.warn(`build-browser: only ${count} help page assets precached`)
  } else skipped.push('sw.js')

  // `startup-help/sw` for apps with a worker of their own: ES modules + types in dist/sw.
  if (missing(['sw/index.ts', 'client/help-page/render-document.ts']).length === 0) {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'sw/tsconfig.build.json'],
      { cwd: root, stdio: 'inherit' },
    )
  } else skipped.push('dist/sw')

  if (skipped.length > 0) {
    console.warn(`build-browser: skipped ${skipped.join(', ')} (sources not there yet)`)
  }
}
