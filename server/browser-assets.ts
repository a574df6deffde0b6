import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Where the built browser files (help page script and styles, service worker, client) are:
 * `dist/browser/`, found from the compiled `dist/server/` and from the sources in `server/`.
 *
 * @example
 * helpPageRoutes({ resolveStatus, browserAssetsDir: defaultBrowserAssetsDir() })
 */
export function defaultBrowserAssetsDir(): string {
  for (const relative of ['../browser/', '../dist/browser/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(dir)) return dir
  }
  return fileURLToPath(new URL('../dist/browser/', import.meta.url))
}
