import { afterAll, beforeAll } from 'vitest'
import { launchChromiumEngine } from './chromium.js'
import type { Engine, EngineName } from './engine.js'
import { launchFirefoxEngine } from './firefox.js'
import { launchWebKitEngine } from './webkit.js'

/** Starting a browser under Xvfb on a loaded 2-core machine can take a while. */
const LAUNCH_TIMEOUT_MS = 90_000

/**
 * Launches one engine of the matrix. Rejects with the reason (binary missing, driver refused)
 * when it cannot start: the tests that need it then fail with that reason, never skip.
 *
 * @example
 * const engine = await launchEngine('webkit')
 */
export async function launchEngine(name: EngineName): Promise<Engine> {
  try {
    if (name === 'firefox') return await launchFirefoxEngine()
    if (name === 'webkit') return await launchWebKitEngine()
    return await launchChromiumEngine(name)
  } catch (error) {
    throw new Error(
      `the ${name} engine cannot start: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/**
 * One engine for the enclosing test file: launched before its tests, closed after them.
 *
 * @example
 * const engine = useEngine('firefox')
 * it('…', async () => { const page = await engine().newPage() })
 */
export function useEngine(name: EngineName): () => Engine {
  let engine: Engine | undefined
  let failure: unknown = null
  beforeAll(async () => {
    try {
      engine = await launchEngine(name)
    } catch (error) {
      failure = error
      throw error
    }
  }, LAUNCH_TIMEOUT_MS)
  afterAll(async () => {
    await engine?.close()
  })
  return () => {
    if (!engine) throw failure ?? new Error(`${name} is not launched yet: call engine() in a test`)
    return engine
  }
}
