// pretest: the tests need Debian's Chromium (the browser tests; Playwright's own browser download
// cannot work on these machines), nginx (the nginx sample is checked with `nginx -t`) and openssl
// (stand-in certificates for that check). Install what is missing when we are root; otherwise
// say what to install.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.STARTUP_HELP_CHROMIUM ?? '/usr/bin/chromium'
const needed = [
  { binary: CHROMIUM, pkg: 'chromium' },
  { binary: '/usr/sbin/nginx', pkg: 'nginx' },
  { binary: '/usr/bin/openssl', pkg: 'openssl' },
].filter(({ binary }) => !existsSync(binary))

if (needed.length > 0) {
  const packages = needed.map(({ pkg }) => pkg).join(' ')
  if (process.getuid?.() === 0) {
    console.log(`pretest: installing Debian's ${packages} for the tests…`)
    execSync(`apt-get update && apt-get install -y ${packages}`, { stdio: 'inherit' })
  } else {
    console.error(
      `pretest: the tests need ${needed.map(({ binary }) => binary).join(', ')}.\n` +
        `Install with \`sudo apt-get install -y ${packages}\` (Debian/Ubuntu)` +
        (needed.some(({ pkg }) => pkg === 'chromium')
          ? ', or set STARTUP_HELP_CHROMIUM to a Chromium binary.'
          : '.'),
    )
    process.exit(1)
  }
}
