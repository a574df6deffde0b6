import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { HELP_ASSETS } from '../../formats/help-assets.js'
import { helpPageRoutes } from '../routes/help-page.js'
import { createStatusAnswerer } from '../status/status-answer.js'
import type { StatusStore } from '../status/status-store.js'

export interface ExportOptions {
  /** The status to export (from the file, or fed by the database). */
  store: StatusStore
  /** The folder nginx (or a CDN origin) serves; created when missing. */
  outDir: string
  /** Languages to write an answer for; nginx maps others to `en`. */
  langs: readonly string[]
  /** Built browser files (help-page.js, help-page.css). */
  browserAssetsDir: string
  /** Longest max-age, as the service's `statusMaxAgeSeconds`. Default 60. */
  maxAgeSeconds?: number
}

/** What one export wrote, and when the next one is due by itself. */
export interface ExportResult {
  /** Status answers written (apps × languages). */
  answers: number
  /** Whether the header maps changed: nginx needs a reload to serve the new ones. */
  mapsChanged: boolean
  /** The next start or expiry (ms), or null: `--watch` exports again then. */
  nextChangeAt: number | null
}

/** `_` stands for "no app" (the top level), which no app id can be (ids start with [a-z0-9]). */
export const TOP_LEVEL = '_'

/** Writes through a temp file and a rename, so nginx never serves half a file. */
async function writeAtomic(path: string, content: string | Uint8Array): Promise<boolean> {
  const before = await readFile(path).catch(() => null)
  if (before !== null && Buffer.compare(before, Buffer.from(content)) === 0) return false
  await mkdir(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, content)
  await rename(temp, path)
  return true
}

/**
 * Writes what can be served without Node: for each app (and the top level) and language, the
 * `/v1/status` answer's body at `v1/status/APP/LANG.json`, with its ETag and Cache-Control in
 * `etag.map` and `cache-control.map` (nginx `map` includes, keyed by that path); the `/help` page at
 * `help/APP/LANG.html` and its assets at `help/assets/`. The answers are the service's own
 * (createStatusAnswerer), so a client's ETag from one is honoured by the other. See
 * config-samples/nginx-export.conf.
 *
 * @example
 * await exportStatic({ store, outDir: '/srv/startup-help', langs: ['en', 'ru'], browserAssetsDir: 'dist/browser' })
 */
export async function exportStatic(options: ExportOptions): Promise<ExportResult> {
  const { store, outDir, langs } = options
  const answerer = createStatusAnswerer({ store, maxAgeSeconds: options.maxAgeSeconds ?? 60 })
  const help = new Hono().route(
    '/help',
    helpPageRoutes({
      resolveStatus: (app, lang) => store.resolve({ app, lang }),
      browserAssetsDir: options.browserAssetsDir,
      now: () => store.clock(),
    }),
  )
  const apps = [null, ...Object.keys(store.current().apps ?? {})]
  const etags: string[] = []
  const cacheControls: string[] = []
  let nextChangeAt: number | null = null
  for (const app of apps) {
    const name = app ?? TOP_LEVEL
    const next = store.nextChange(app)
    if (next !== null && (nextChangeAt === null || next < nextChangeAt)) nextChangeAt = next
    for (const lang of langs) {
      const answer = answerer.answer({
        app,
        lang,
        acceptLanguage: undefined,
        ifNoneMatch: undefined,
      })
      const uri = `/v1/status/${name}/${lang}.json`
      await writeAtomic(join(outDir, uri), answer.body ?? '')
      etags.push(`${uri} '${answer.headers.etag}';`)
      cacheControls.push(`${uri} '${answer.headers['cache-control']}';`)
      const query = `?lang=${lang}${app === null ? '' : `&app=${app}`}`
      const page = await help.request(`/help${query}`)
      await writeAtomic(join(outDir, 'help', name, `${lang}.html`), await page.text())
    }
  }
  await mkdir(join(outDir, 'help', 'assets'), { recursive: true })
  for (const asset of HELP_ASSETS) {
    await copyFile(join(options.browserAssetsDir, asset), join(outDir, 'help', 'assets', asset))
  }
  const etagChanged = await writeAtomic(join(outDir, 'etag.map'), `${etags.join('\n')}\n`)
  const cacheChanged = await writeAtomic(
    join(outDir, 'cache-control.map'),
    `${cacheControls.join('\n')}\n`,
  )
  return {
    answers: apps.length * langs.length,
    mapsChanged: etagChanged || cacheChanged,
    nextChangeAt,
  }
}
