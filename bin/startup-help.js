#!/usr/bin/env node
// The CLI lives in the compiled dist/; `npm install` builds it (prepare script).
import { existsSync } from 'node:fs'

const cli = new URL('../dist/server/cli/main.js', import.meta.url)
if (!existsSync(cli)) {
  console.error('startup-help: dist/ is missing; run `npm run build` in the package folder first.')
  process.exit(2)
}
const { main } = await import(cli.href)
process.exitCode = await main(process.argv.slice(2))
