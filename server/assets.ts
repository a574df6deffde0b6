/**
 * `startup-help/assets`: the built browser files for build tools, with no worker or server code,
 * so a `vite.config.ts` or a build script in Node can import it.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CLASSIC_WORKER_SCRIPT, HELP_ASSETS } from '../formats/help-assets.js'

export { CLASSIC_WORKER_SCRIPT, HELP_ASSETS }

/** The pre-injection worker the browser build leaves next to the bundles. */
export const SW_TEMPLATE = 'sw.template.js'

/**
 * The folder of the built browser files (`dist/browser` of the package), whether this runs
 * compiled (dist/server) or from source (server/ via tsx). Before a build it names where they
 * will be.
 *
 * @example
 * const dir = browserAssetsDir() // …/node_modules/startup-help/dist/browser/
 */
export function browserAssetsDir(): string {
  const candidates = ['../browser/', '../dist/browser/'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  )
  return candidates.find((dir) => existsSync(join(dir, SW_TEMPLATE))) ?? (candidates[1] as string)
}

/** {@link browserAssetsDir}, or an error saying to build when it holds nothing yet. */
export function builtBrowserAssetsDir(): string {
  const dir = browserAssetsDir()
  if (!existsSync(join(dir, SW_TEMPLATE)))
    throw new Error(`no ${SW_TEMPLATE} in ${dir}: run npm run build`)
  return dir
}

/**
 * Copies what an app with a worker of its own serves next to it: the help page's script and
 * style, and the classic-script worker part for generateSW's `importScripts`. Not `sw.js` nor
 * `startup-help.js`: the app has its own worker and bundles the client. Answers the names.
 *
 * @example
 * // vite.config.ts, before VitePWA reads public/
 * copyHelpAssets('public')
 */
export function copyHelpAssets(outDir: string): string[] {
  const source = builtBrowserAssetsDir()
  const target = resolve(outDir)
  mkdirSync(target, { recursive: true })
  const names = ['help-page.js', 'help-page.css', CLASSIC_WORKER_SCRIPT]
  for (const name of names) cpSync(join(source, name), join(target, name))
  return names
}
