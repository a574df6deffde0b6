/**
 * `startup-help build-sw --out DIR`: writes the built service worker (`sw.js`, its precache
 * manifest made for DIR), the help page's assets and `startup-help.js` (the client as one ESM file)
 * into an app's public folder, so a plain HTML app integrates without a bundler.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import workboxBuild from 'workbox-build'

/** The pre-injection worker the browser build leaves next to the bundles. */
export const SW_TEMPLATE = 'sw.template.js'
/**
 * What the worker precaches: the help page's own script and style, and the client's lazily loaded
 * chunks (the in-page dialog must load while the app's server is failing). Nothing of the app.
 */
export const PRECACHED_ASSETS = ['help-page.js', 'help-page.css', 'chunks/*.js']

const HELP = `Usage: startup-help build-sw --out DIR

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

Options:
  --out DIR   target folder (required)
  -h, --help  show this help
`

/** dist/browser, whether we run compiled (dist/server/cli) or from source (server/cli via tsx). */
export function browserDistDir(): string {
  const candidates = ['../../browser/', '../../dist/browser/'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  )
  const found = candidates.find((dir) => existsSync(join(dir, SW_TEMPLATE)))
  if (!found) throw new Error(`no ${SW_TEMPLATE} in ${candidates.join(' or ')}: run npm run build`)
  return found
}

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
    globPatterns: PRECACHED_ASSETS,
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
  const source = browserDistDir()
  const target = resolve(outDir)
  mkdirSync(target, { recursive: true })
  const written: string[] = []
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (entry.name === SW_TEMPLATE || entry.name === 'sw.js') continue
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
  let values: { out?: string | undefined; help?: boolean | undefined }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
    const written = await buildServiceWorkerInto(values.out)
    console.log(`build-sw: wrote ${written.join(', ')} to ${resolve(values.out)}`)
    return 0
  } catch (error) {
    console.error(`build-sw: ${(error as Error).message}`)
    return 1
  }
}
