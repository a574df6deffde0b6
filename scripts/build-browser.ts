/**
 * The browser build: esbuild bundles (minified, production: dev-only logs and workbox's asserts
 * stripped) of the service worker, the client library and the help page, then workbox-build's
 * injectManifest writes dist/browser/sw.js with the help page assets precached.
 *
 * dist/browser/sw.template.js is kept (manifest not yet injected) so `startup-help build-sw --out
 * DIR` can inject a manifest made for DIR.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build } from 'esbuild'
import { CLASSIC_WORKER_SCRIPT } from '../formats/help-assets.js'
import { injectServiceWorker, SW_TEMPLATE } from '../server/cli/build-sw.js'

const root = fileURLToPath(new URL('..', import.meta.url))
/** The version every report carries (client/version.ts). */
export const PACKAGE_VERSION: string = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).version
const INJECTION_POINT = 'self.__WB_' + 'MANIFEST' // split: this file must not count as a mention

const production: BuildOptions = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['chrome100', 'firefox100', 'safari15'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __STARTUP_HELP_DEV__: 'false',
    __STARTUP_HELP_VERSION__: JSON.stringify(PACKAGE_VERSION),
  },
  drop: ['debugger'],
  logLevel: 'warning',
}

const source = (path: string) => join(root, path)

/**
 * Bundles the browser entries into `DIST/browser`, writes sw.js there, and compiles
 * `startup-help/sw` (ES modules + types) into `DIST/sw`.
 *
 * @example
 * await buildBrowser()            // into dist/
 * await buildBrowser('dist.next') // what scripts/build.ts does before swapping it in
 */
export async function buildBrowser(distDir: string = join(root, 'dist')): Promise<void> {
  const outDir = join(distDir, 'browser')
  mkdirSync(outDir, { recursive: true })

  // The client: one ES module; a lazily imported UI lands in chunks/ (esbuild splitting).
  await build({
    ...production,
    entryPoints: { 'startup-help': source('client/index.ts') },
    outdir: outDir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  })

  // The help page: a classic script works both as `<script src>` and `<script type=module src>`.
  await build({
    ...production,
    entryPoints: [source('client/help-page-entry.ts')],
    outfile: join(outDir, 'help-page.js'),
    format: 'iife',
  })
  await build({
    ...production,
    entryPoints: [source('client/ui/help-panel.css')],
    outfile: join(outDir, 'help-page.css'),
  })

  // The admin console's script (previews, time hints, copy, the reports chart) and style.
  await build({
    ...production,
    entryPoints: [source('console-ui/console.ts')],
    outfile: join(outDir, 'console.js'),
    format: 'iife',
    // uPlot is MIT: its notice travels with the bundle.
    legalComments: 'eof',
  })
  await build({
    ...production,
    entryPoints: [source('console-ui/console.css')],
    outfile: join(outDir, 'console.css'),
  })

  // The service worker: a classic script (registered without type: 'module', works everywhere).
  {
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
  }

  // startup-help-sw.js: the classic script generateSW workers add with importScripts.
  await build({
    ...production,
    entryPoints: [source('sw/classic.ts')],
    outfile: join(outDir, CLASSIC_WORKER_SCRIPT),
    format: 'iife',
  })

  // `startup-help/sw` for apps with a worker of their own: ES modules + types in DIST/sw.
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      'sw/tsconfig.build.json',
      '--outDir',
      distDir,
    ],
    { cwd: root, stdio: 'inherit' },
  )
}
