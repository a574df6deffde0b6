import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Builder, Capabilities, type WebDriver } from 'selenium-webdriver'
import type { Engine, EnginePage, PageFunction } from './engine.js'
import { NAVIGATION_TIMEOUT_MS, SCRIPT_TIMEOUT_MS } from './timeouts.js'

/** MiniBrowser, WebKitGTK's test browser (package libwebkit2gtk-4.1-0). */
export const MINIBROWSER_BINARY =
  process.env.STARTUP_HELP_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
export const WEBKIT_DRIVER_BINARY = '/usr/bin/WebKitWebDriver'
export const XVFB_BINARY = '/usr/bin/Xvfb'
const START_TIMEOUT_MS = 20_000

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Starts Xvfb on a display it picks itself (-displayfd) and answers that display number. */
function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const xvfb = spawn(
      XVFB_BINARY,
      ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    xvfb.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start in ${START_TIMEOUT_MS} ms: ${stderr}`)),
      START_TIMEOUT_MS,
    )
    xvfb.once('error', (error) => reject(new Error(`Xvfb could not start: ${error.message}`)))
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)))
    const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream
    let out = ''
    fd3.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve({ process: xvfb, display: `:${out.trim()}` })
      }
    })
  })
}

/** Waits until WebKitWebDriver answers /status on `port`. */
async function waitForDriver(port: number, driver: ChildProcess, log: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${log()}`)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`WebKitWebDriver did not answer in ${START_TIMEOUT_MS} ms: ${log()}`)
}

/**
 * Runs `fn(arg)` through executeAsyncScript: the result (or the thrown error's text) comes back
 * through WebDriver's callback, so async page functions work as in the other engines.
 */
function asyncScript(fn: PageFunction<unknown, unknown>): string {
  return `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
  .then((value) => done({ ok: true, value: value === undefined ? null : value }),
        (error) => done({ ok: false, error: error instanceof Error
          ? error.name + ': ' + error.message + ' ' + error.stack : String(error) }));`
}

class WebKitPage implements EnginePage {
  constructor(
    private readonly driver: WebDriver,
    private readonly onClose: () => void,
  ) {}

  async goto(url: string): Promise<void> {
    await this.driver.get(url)
  }

  async reload(): Promise<void> {
    await this.driver.navigate().refresh()
  }

  url(): Promise<string> {
    return this.driver.getCurrentUrl()
  }

  async evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
    const result = (await this.driver.executeAsyncScript(
      asyncScript(fn as PageFunction<unknown, unknown>),
      arg,
    )) as { ok: boolean; value?: R; error?: string }
    if (!result.ok) throw new Error(`in the page: ${result.error}`)
    return result.value as R
  }

  async close(): Promise<void> {
    // One MiniBrowser window per engine: a page ends by leaving its origin.
    await this.driver.get('about:blank').catch(() => {})
    this.onClose()
  }
}

/**
 * WebKitGTK's MiniBrowser (the engine of Safari) driven by WebKitWebDriver under its own Xvfb,
 * with a private HOME and XDG folders so no profile survives the run. One browser window serves
 * every page of the engine, one after the other.
 *
 * @example
 * const engine = await launchWebKitEngine()
 */
export async function launchWebKitEngine(): Promise<Engine> {
  const home = mkdtempSync(join(tmpdir(), 'startup-help-webkit-'))
  const xvfb = await startXvfb()
  const port = await freePort()
  let driverLog = ''
  const driverProcess = spawn(WEBKIT_DRIVER_BINARY, [`--port=${port}`, '--host=127.0.0.1'], {
    env: {
      ...process.env,
      DISPLAY: xvfb.display,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: join(home, 'runtime'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    driverLog = (driverLog + chunk.toString()).slice(-4000)
  }
  driverProcess.stdout?.on('data', collect)
  driverProcess.stderr?.on('data', collect)
  const stopAll = () => {
    driverProcess.kill('SIGKILL')
    xvfb.process.kill('SIGKILL')
    // MiniBrowser may still be writing its shader cache as it goes: retry, and never fail on it.
    try {
      rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    } catch {
      // a leftover temp folder is harmless
    }
  }
  try {
    await waitForDriver(port, driverProcess, () => driverLog)
    const capabilities = new Capabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER_BINARY, args: ['--automation'] },
    })
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities(capabilities)
      .build()
    await driver.manage().setTimeouts({
      script: SCRIPT_TIMEOUT_MS,
      pageLoad: NAVIGATION_TIMEOUT_MS,
    })
    const details = await driver.getCapabilities()
    let open = false
    return {
      name: 'webkit',
      version: `WebKitGTK MiniBrowser ${details.get('browserVersion') ?? '?'}`,
      async newPage() {
        if (open) throw new Error('the WebKit engine runs one page at a time')
        open = true
        return new WebKitPage(driver, () => {
          open = false
        })
      },
      async close() {
        await driver.quit().catch(() => {})
        stopAll()
      },
    }
  } catch (error) {
    stopAll()
    throw error
  }
}
