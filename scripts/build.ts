/**
 * Builds everything the package ships: `dist/` (server, client, formats as ES modules with types)
 * and the browser bundles (client as one ESM file, service worker, help page).
 * Runs on `npm install` (prepare), `npm test` and `npm run bench`.
 *
 * It builds into `dist.next/` and swaps it in at the end, so a server or test reading `dist/`
 * meanwhile never finds it half-written or missing for the length of a build.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildBrowser, PACKAGE_VERSION } from './build-browser.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const next = join(root, 'dist.next')
const old = join(root, 'dist.old')

rmSync(next, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', next],
  { cwd: root, stdio: 'inherit' },
)
await buildBrowser(next)

// tsc leaves the version to a build-time constant (client/version.ts): write it in.
writeFileSync(
  join(next, 'client/version.js'),
  `export const LIBRARY_VERSION = ${JSON.stringify(PACKAGE_VERSION)};\n`,
)

rmSync(old, { recursive: true, force: true })
if (existsSync(dist)) renameSync(dist, old)
renameSync(next, dist)
rmSync(old, { recursive: true, force: true })
console.log('build: dist/ ready')
