import { defineConfig } from 'vitest/config'

export default defineConfig({
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
