/**
 * `npm run demo`: the status service on http://127.0.0.1:8787 (status file .demo/status.json,
 * data .demo/data), a sample app on http://localhost:8080 that uses the library like a developer
 * would, and a control page on http://localhost:8081 to simulate outages. Ctrl-C stops everything.
 * Ports: DEMO_STATUS_PORT, DEMO_APP_PORT, DEMO_CONTROL_PORT; folder: DEMO_DIR (default .demo).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DemoMode, startDemoApp } from '../demo/app-server.js'
import { startControl } from '../demo/control-server.js'
import { run as messageCommand } from '../server/cli/message.js'
import { startServer } from '../server/node.js'
import { buildBrowser } from './build-browser.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const statusPort = port('DEMO_STATUS_PORT', 8787)
const appPort = port('DEMO_APP_PORT', 8080)
const controlPort = port('DEMO_CONTROL_PORT', 8081)
const demoDir = process.env.DEMO_DIR ?? join(root, '.demo')
const statusFile = join(demoDir, 'status.json')
const adminToken = process.env.STARTUP_HELP_ADMIN_TOKEN ?? 'demo-admin-token'
const browserDir = join(root, 'dist/browser')

mkdirSync(join(demoDir, 'data'), { recursive: true })
if (!existsSync(statusFile)) {
  // The sample's "$schema" is relative to config-samples/; point it there from the copy too.
  const schema = relative(demoDir, join(root, 'config-samples/status.schema.json'))
  const sample = readFileSync(join(root, 'config-samples/status.everyday.json'), 'utf8')
  writeFileSync(statusFile, sample.replace('"./status.schema.json"', JSON.stringify(schema)))
}
if (!existsSync(join(browserDir, 'sw.js')) || !existsSync(join(browserDir, 'startup-help.js'))) {
  console.log('demo: building the browser files (dist/browser)…')
  await buildBrowser()
}

/** Starts one part; a taken port ends the demo with a line that says what to do. */
async function start<T>(what: string, portVariable: string, port: number, begin: () => Promise<T>) {
  try {
    return await begin()
  } catch (error) {
    const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    console.error(
      taken
        ? `demo: port ${port} (${what}) is in use; free it or set ${portVariable}=<another port>`
        : `demo: could not start the ${what}: ${(error as Error).message}`,
    )
    process.exit(1)
  }
}

const statusService = await start('status service', 'DEMO_STATUS_PORT', statusPort, () =>
  startServer({
    statusFile,
    dataDir: join(demoDir, 'data'),
    port: statusPort,
    host: '127.0.0.1',
    adminToken,
  }),
)
const statusUrl = `http://127.0.0.1:${statusPort}`
const appUrl = `http://localhost:${appPort}/`
const controlUrl = `http://localhost:${controlPort}/`
const app = await start('sample app', 'DEMO_APP_PORT', appPort, () =>
  startDemoApp({
    port: appPort,
    publicDir: join(root, 'demo/public'),
    browserDir,
    pageConfig: { statusUrl, controlUrl, navigationTimeoutMs: 4000 },
  }),
)

async function message(args: string[]): Promise<string> {
  const code = await messageCommand([...args, '--status', statusFile])
  return code === 0 ? 'done: the status file is updated' : 'failed: see the terminal'
}
const setMessage = (text: string) =>
  message([
    'set',
    text || 'Planned maintenance: login is back in 30 minutes.',
    '--until',
    '30m',
    '--severity',
    'maintenance',
  ])
const clearMessage = () => message(['clear'])

const MODE_TEXT: Record<DemoMode, string> = {
  normal: 'normal: the app answers as usual',
  stopped: 'stopped: the port is closed (connection refused)',
  '503': 'answering 503 Service Unavailable, like a proxy with no backend',
  hanging: 'hanging: accepts connections and never answers',
}
const announce = (mode: DemoMode) => console.log(`demo: app server is now ${MODE_TEXT[mode]}`)

const control = await start('control page', 'DEMO_CONTROL_PORT', controlPort, () =>
  startControl({
    port: controlPort,
    dir: join(root, 'demo/control'),
    app,
    appUrl,
    setMessage,
    clearMessage,
    onModeChange: announce,
  }),
)

console.log(`
startup-help demo is running.

  Sample app       ${appUrl}   (log in with any user, password "demo")
  Simulate         ${controlUrl}   (normal / stopped / 503 / hanging, maintenance message)
  Status service   ${statusUrl}/v1/status?app=demo&lang=en
  Status file      ${statusFile}   (edit it: changes are live within a second)
  Admin token      ${adminToken}

Try it:
  1. Open the sample app once (this installs the service worker) and log in.
  2. Pick an outage on the control page, or press a key here:
       1 normal   2 stopped   3 answer 503   4 hanging   m set a maintenance message   c clear it
  3. Reload the app's tab: the help page appears instead of "This site can't be reached".
     Press "Log in" on a loaded page instead: the same help, as an in-page dialog.
  4. "Send report to support" on the help page gives a reference; read it with
       npx startup-help reports show <reference> --data ${join(demoDir, 'data')}
  5. Switch back to normal: the help page notices and loads the app by itself (its retries
     follow the status's retryAfterSeconds: 30 s in the sample file).

Ctrl-C (or q) stops everything.
`)

let stopping = false
async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  console.log('\ndemo: stopping…')
  if (process.stdin.isTTY) process.stdin.setRawMode(false)
  await Promise.allSettled([app.close(), control.close(), statusService.close()])
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

const KEYS: Record<string, DemoMode> = { '1': 'normal', '2': 'stopped', '3': '503', '4': 'hanging' }
if (process.stdin.isTTY) {
  process.stdin.setRawMode(true)
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', async (key: string) => {
    if (key === '\u0003' || key === 'q') return shutdown()
    const mode = KEYS[key]
    if (mode) {
      await app.setMode(mode)
      announce(mode)
    } else if (key === 'm') console.log(`demo: message ${await setMessage('')}`)
    else if (key === 'c') console.log(`demo: message ${await clearMessage()}`)
  })
}
