import { readState, writeState } from './state-store.js'

const LAST_LOAD = 'last-successful-load'
const LAST_LOAD_PRECISION_MS = 60_000
let lastLoadWrittenAt = 0

/**
 * Records "the app loaded" now. On activation (`onlyIfUnknown`) the page that registered the
 * worker has just loaded without passing through it, so that visit counts too.
 *
 * @example
 * event.waitUntil(recordSuccessfulLoad({ onlyIfUnknown: true }))
 */
export async function recordSuccessfulLoad(options: { onlyIfUnknown: boolean }): Promise<void> {
  const now = Date.now()
  // A minute's precision is enough for "last successful load", and skipping the write keeps
  // healthy navigations from paying a Cache Storage write each time.
  if (!options.onlyIfUnknown && now - lastLoadWrittenAt < LAST_LOAD_PRECISION_MS) return
  try {
    if (options.onlyIfUnknown && (await readState<string>(LAST_LOAD)) !== null) return
    await writeState(LAST_LOAD, new Date(now).toISOString())
    lastLoadWrittenAt = now
  } catch {
    // Storage full or unavailable: the help page then just says "unknown".
  }
}

/**
 * When the app last loaded (ISO time), or null when unknown.
 *
 * @example
 * const lastSuccessfulLoad = await readLastSuccessfulLoad()
 */
export function readLastSuccessfulLoad(): Promise<string | null> {
  return readState<string>(LAST_LOAD)
}
