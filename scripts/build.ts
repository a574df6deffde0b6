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
import { statusDocumentJsonSchema } from '../server/status/json-schema.js'
import { buildBrowser } from './build-browser.js'

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

// Editors validate status.json against this file while admins type; generated from the zod format.
writeFileSync(
  join(root, 'config-samples/status.schema.json'),
  `${JSON.stringify(statusDocumentJsonSchema(), null, 2)}\n`,
)

rmSync(old, { recursive: true, force: true })
if (existsSync(dist)) renameSync(dist, old)
renameSync(next, dist)
rmSync(old, { recursive: true, force: true })
console.log('build: dist/ ready')
