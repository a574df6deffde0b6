import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

export default defineConfig({
  // As the build does (client/version.ts): tests from source report the package's version.
  define: { __STARTUP_HELP_VERSION__: JSON.stringify(version) },
  test: {
    include: [
      'tests/**/*.test.ts',
      'server/**/*.test.ts',
      'formats/**/*.test.ts',
      'help-page/**/*.test.ts',
      'client/**/*.test.ts',
      'sw/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start servers and Chromium; two cores do not like many at once.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
})
