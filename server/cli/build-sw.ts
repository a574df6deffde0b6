/**
 * `startup-help build-sw --out DIR`: writes the built service worker (`sw.js`, its precache
 * manifest made for DIR), the help page's assets and `startup-help.js` (the client as one ESM file)
 * into an app's public folder, so a plain HTML app integrates without a bundler.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import workboxBuild from 'workbox-build'
import { CLASSIC_WORKER_SCRIPT, CLIENT_CHUNKS, HELP_ASSETS } from '../../formats/help-assets.js'
import { builtBrowserAssetsDir, copyHelpAssets, SW_TEMPLATE } from '../assets.js'

export { SW_TEMPLATE }

const HELP = `Usage: startup-help build-sw --out DIR [--assets-only]

Writes into DIR (created if missing):
  sw.js            the service worker, with a precache manifest for DIR
  help-page.js     the help page the worker shows (precached)
  help-page.css
  startup-help.js  the client library as one ES module

Serve DIR at your site's root (the worker's scope is the folder it is served from), then add:
  <script type="module">
    import { registerStartupHelp } from '/startup-help.js'
    registerStartupHelp({ app: 'crm', statusUrl: 'https://status.example.com', swUrl: '/sw.js' })
  </script>

With --assets-only, for an app whose service worker is its own (Workbox, vite-plugin-pwa), it
writes only help-page.js, help-page.css and startup-help-sw.js (for generateSW's importScripts):
no sw.js, no startup-help.js, nothing that clashes with the app's files.

Options:
  --out DIR        target folder (required)
  --assets-only    only the files a worker of the app's own needs next to it
  -h, --help       show this help
`

/**
 * Writes `outDir/sw.js` from the template with the precache manifest of the help page assets
 * found in `outDir` (injectManifest: the revisions are hashes of those very files).
 *
 * @example
 * await injectServiceWorker({ template: 'dist/browser/sw.template.js', outDir: 'public' })
 */
export async function injectServiceWorker(options: {
  template: string
  outDir: string
}): Promise<{ count: number; size: number; warnings: string[] }> {
  const { count, size, warnings } = await workboxBuild.injectManifest({
    swSrc: options.template,
    swDest: join(options.outDir, 'sw.js'),
    globDirectory: options.outDir,
    globPatterns: [...HELP_ASSETS, CLIENT_CHUNKS],
    // esbuild names chunks by content hash: their URL is their revision already.
    dontCacheBustURLsMatching: /-[A-Z0-9]{8}\.js$/,
  })
  return { count, size, warnings }
}

/**
 * Copies the browser files into `outDir` and writes its `sw.js`.
 *
 * @example
 * await buildServiceWorkerInto('public')
 */
export async function buildServiceWorkerInto(outDir: string): Promise<string[]> {
  const source = builtBrowserAssetsDir()
  const target = resolve(outDir)
  mkdirSync(target, { recursive: true })
  const written: string[] = []
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if ([SW_TEMPLATE, 'sw.js', CLASSIC_WORKER_SCRIPT].includes(entry.name)) continue
    cpSync(join(source, entry.name), join(target, entry.name), { recursive: true })
    written.push(entry.isDirectory() ? `${entry.name}/` : entry.name)
  }
  const { warnings } = await injectServiceWorker({
    template: join(source, SW_TEMPLATE),
    outDir: target,
  })
  for (const warning of warnings) console.error(`build-sw: warning: ${warning}`)
  written.push('sw.js')
  return written.sort()
}

/**
 * CLI entry: `run(['--out', 'public'])` → exit code.
 *
 * @example
 * process.exitCode = await run(process.argv.slice(3))
 */
export async function run(argv: string[]): Promise<number> {
  let values: {
    out?: string | undefined
    help?: boolean | undefined
    'assets-only'?: boolean | undefined
  }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        'assets-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    console.error(`build-sw: ${(error as Error).message}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  if (!values.out) {
    console.error(`build-sw: --out DIR is required\n\n${HELP}`)
    return 2
  }
  try {
    const written = values['assets-only']
      ? copyHelpAssets(values.out)
      : await buildServiceWorkerInto(values.out)
    console.log(`build-sw: wrote ${written.join(', ')} to ${resolve(values.out)}`)
    return 0
  } catch (error) {
    console.error(`build-sw: ${(error as Error).message}`)
    return 1
  }
}
