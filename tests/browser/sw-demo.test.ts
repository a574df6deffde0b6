import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/browser.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

describe('npm run demo', () => {
  let demo: ChildProcess
  let browser: Browser
  let dir: string
  let output = ''
  const ports = { status: 0, app: 0, control: 0 }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'startup-help-demo-'))
    ports.status = await freePort()
    ports.app = await freePort()
    ports.control = await freePort()
    demo = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/demo.ts'],
      {
        cwd: root,
        detached: true,
        env: {
          ...process.env,
          DEMO_DIR: dir,
          DEMO_STATUS_PORT: String(ports.status),
          DEMO_APP_PORT: String(ports.app),
          DEMO_CONTROL_PORT: String(ports.control),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    demo.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    demo.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    const started = Date.now()
    while (!output.includes('demo is running')) {
      if (Date.now() - started > 30_000 || demo.exitCode !== null) {
        throw new Error(`the demo did not start:\n${output}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    if (demo?.pid && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve))
      process.kill(-demo.pid, 'SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints where everything is and how to simulate an outage', () => {
    expect(output).toContain(`http://localhost:${ports.app}/`)
    expect(output).toContain(`http://localhost:${ports.control}/`)
    expect(output).toContain('2 stopped')
  })

  it('shows the help page with the maintenance message once the control page stops the app', {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`http://localhost:${ports.app}/`)
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 15_000,
      })
      const control = `http://localhost:${ports.control}`
      const set = await fetch(`${control}/message`, { method: 'POST', body: 'Demo maintenance' })
      expect(await set.text()).toContain('done')
      expect(readFileSync(join(dir, 'status.json'), 'utf8')).toContain('Demo maintenance')
      const statusUrl = `http://127.0.0.1:${ports.status}/v1/status?app=demo&lang=en`
      await expect
        .poll(() => fetch(statusUrl).then((response) => response.text()))
        .toContain('Demo maintenance')
      await fetch(`${control}/mode`, { method: 'POST', body: 'stopped' })
      expect(await (await fetch(`${control}/state`)).json()).toMatchObject({ mode: 'stopped' })

      // The help page reads the status afresh, but waits for it at most a second: on a loaded
      // machine the message may only show on the next try, as it would for a user.
      await expect
        .poll(
          async () => {
            const response = await page.goto(`http://localhost:${ports.app}/`)
            expect(response?.headers()['x-startup-help']).toBe('help-page')
            return page.getByText('Demo maintenance').count()
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0)

      await fetch(`${control}/mode`, { method: 'POST', body: 'normal' })
      const back = await page.goto(`http://localhost:${ports.app}/`)
      expect(back?.status()).toBe(200)
      expect(await page.title()).toBe('Demo CRM — log in')
    } finally {
      await context.close()
    }
  })
})
