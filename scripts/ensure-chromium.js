// pretest: the browser tests drive Debian's Chromium (Playwright's own browser download cannot
// work on these machines). Install it when missing and we are root; otherwise say what to do.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.STARTUP_HELP_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log(
      `pretest: ${CHROMIUM} is missing; installing Debian's chromium for the browser tests…`,
    )
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' })
  } else {
    console.error(
      `pretest: the browser tests need Chromium at ${CHROMIUM}.\n` +
        'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set STARTUP_HELP_CHROMIUM to its path.',
    )
    process.exit(1)
  }
}
