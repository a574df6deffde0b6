/**
 * Builds everything the package ships: `dist/` (server, client, formats as ES modules with types)
 * and the browser bundles (client as one ESM file, service worker, help page).
 * Runs on `npm install` (prepare), `npm test` and `npm run bench`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { statusDocumentJsonSchema } from '../server/status/json-schema.js'

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

// Editors validate status.json against this file while admins type; generated from the zod format.
writeFileSync(
  new URL('../config-samples/status.schema.json', import.meta.url),
  `${JSON.stringify(statusDocumentJsonSchema(), null, 2)}\n`,
)

const browserBuild = new URL('./build-browser.ts', import.meta.url)
if (existsSync(browserBuild)) {
  const { buildBrowser } = (await import(browserBuild.href)) as {
    buildBrowser: () => Promise<void>
  }
  await buildBrowser()
}
console.log('build: dist/ ready')
