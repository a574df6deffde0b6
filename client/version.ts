/**
 * Set by the build from package.json: esbuild's `define` in the browser bundles, and the build
 * writes it into dist/client/version.js; vitest defines it too. Only a script run straight from
 * source (tsx) sees `source`.
 */
declare const __STARTUP_HELP_VERSION__: string | undefined

/**
 * The library's version, sent in every report.
 *
 * @example
 * report.libraryVersion = LIBRARY_VERSION // '0.1.0'
 */
export const LIBRARY_VERSION: string =
  typeof __STARTUP_HELP_VERSION__ === 'string' ? __STARTUP_HELP_VERSION__ : 'source'
