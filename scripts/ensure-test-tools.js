// pretest: the tests need Debian's browsers for the browser matrix (Chromium; Firefox ESR; WebKitGTK's
// MiniBrowser with WebKitWebDriver under Xvfb: Playwright's own browser downloads cannot work on
// these machines), nginx (the nginx sample is checked with `nginx -t`), openssl (stand-in
// certificates for that check) and PostgreSQL 15 (tests/support/postgres.ts starts a throwaway
// cluster for the database backend's tests). Install what is missing when we are root; otherwise
// say what to install.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.STARTUP_HELP_CHROMIUM ?? '/usr/bin/chromium'
const FIREFOX = process.env.STARTUP_HELP_FIREFOX ?? '/usr/bin/firefox-esr'
const MINIBROWSER =
  process.env.STARTUP_HELP_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
const needed = [
  { binary: CHROMIUM, pkg: 'chromium' },
  { binary: FIREFOX, pkg: 'firefox-esr' },
  { binary: '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver' },
  // MiniBrowser comes with libwebkit2gtk-4.1-0, a dependency of webkit2gtk-driver.
  { binary: MINIBROWSER, pkg: 'webkit2gtk-driver' },
  { binary: '/usr/bin/Xvfb', pkg: 'xvfb' },
  { binary: '/usr/sbin/nginx', pkg: 'nginx' },
  { binary: '/usr/bin/openssl', pkg: 'openssl' },
  {
    binary: `${process.env.STARTUP_HELP_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'}/initdb`,
    pkg: 'postgresql',
  },
].filter(({ binary }) => !existsSync(binary))

if (needed.length > 0) {
  const packages = [...new Set(needed.map(({ pkg }) => pkg))].join(' ')
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
