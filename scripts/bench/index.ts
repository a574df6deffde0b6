/**
 * `npm run bench`: every benchmark suite in one run, printed as one table. Each suite measures
 * ours and its baseline side by side, so the ratio is fair on a noisy machine.
 * Suites: scripts/bench/suites/*.ts, each exporting `run(): Promise<BenchRow[]>`.
 */
import { readdirSync } from 'node:fs'
import { type BenchRow, renderTable } from './table.js'

const only = process.argv[2]
const suiteDir = new URL('./suites/', import.meta.url)
const suites = readdirSync(suiteDir)
  .filter((name) => name.endsWith('.ts') && (!only || name.includes(only)))
  .sort()

const rows: BenchRow[] = []
for (const name of suites) {
  console.error(`bench: running ${name}…`)
  const suite = (await import(new URL(name, suiteDir).href)) as { run: () => Promise<BenchRow[]> }
  try {
    rows.push(...(await suite.run()))
  } catch (error) {
    console.error(`bench: ${name} failed:`, error)
    process.exitCode = 1
  }
}
console.log(`\n${renderTable(rows)}`)
