import { readFileSync } from 'node:fs'

/** The package version, read once from package.json (dist/server/… and server/… both reach it). */
function readVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'startup-help' && pkg.version) return pkg.version
    } catch {
      // try the next place
    }
  }
  return '0.0.0'
}

export const LIBRARY_VERSION = readVersion()
