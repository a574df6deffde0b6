/**
 * Builds everything the package ships: `dist/` (server, client, formats as ES modules with types)
 * and the browser bundles (client as one ESM file, service worker, help page).
 * Runs on `npm install` (prepare), `npm test` and `npm run bench`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
execFileSync(
  process.execPath,
  [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)

const browserBuild = new URL('./build-browser.ts', import.meta.url)
if (existsSync(browserBuild)) {
  const { buildBrowser } = (await import(browserBuild.href)) as {
    buildBrowser: () => Promise<void>
  }
  await buildBrowser()
}
console.log('build: dist/ ready')
