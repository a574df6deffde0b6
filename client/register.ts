import { Workbox } from 'workbox-window'
import { CACHE_PREFIX } from '../formats/help-assets.js'
import { statusRequestUrl } from '../formats/status-url.js'
import { serviceWorkerUrl } from '../formats/sw-config-url.js'
import { fetchStatus } from './fetch-status.js'
import { rememberOptions, type StartupHelpOptions, toServiceWorkerConfig } from './options.js'
import { KNOWN_STATUS_KEY, LAST_LOAD_KEY, recall, remember } from './page-memory.js'
import { REPORT_QUEUE_KEY } from './report/queue-key.js'
import { showStatusBanner } from './show-status-banner.js'
import { tellWorkerWhenOnline } from './tell-worker-online.js'

/** What `registerStartupHelp` did. */
export interface StartupHelpRegistration {
  /**
   * `registered`; `unsupported` (no service workers here: insecure origin, old browser);
   * `disabled` (the status's kill switch is on: our worker was unregistered); `failed`.
   */
  outcome: 'registered' | 'unsupported' | 'disabled' | 'failed'
  /** The workbox-window instance when registered, for apps that want its events. */
  workbox: Workbox | null
  /** Why it failed, in one line (`outcome: 'failed'` only); also logged with `console.warn`. */
  reason?: string
  error?: unknown
}

/** The status read at start waits this long; a slow status service must not delay the app. */
const STATUS_TIMEOUT_MS = 3000
/**
 * How long the answer waits for a first install to succeed or fail. Installing only precaches a
 * few small files; past this the worker is still installing and counts as registered.
 */
const INSTALL_WAIT_MS = 10_000

/**
 * Registers the startup-help service worker (with workbox-window), reads the status once (kept
 * for the in-page dialog; its kill switch unregisters the worker instead), and resends reports
 * this page could not deliver before. Never throws and never blocks the app: where service
 * workers are missing it only remembers the options for `showStartupError`.
 *
 * @example
 * registerStartupHelp({
 *   app: 'crm',
 *   statusUrl: 'https://status.example.com',
 *   helpText: 'Call the duty admin: +7 (495) 123-45-67',
 *   helpUrl: 'https://wiki.example.com/login-help',
 *   appVersion: '1.4.2',
 * })
 */
export async function registerStartupHelp(
  options: StartupHelpOptions = {},
): Promise<StartupHelpRegistration> {
  rememberOptions(options)
  remember(LAST_LOAD_KEY, new Date().toISOString())
  if (recall(REPORT_QUEUE_KEY)) {
    import('./report/report-queue.js').then((queue) => queue.flushReportQueue()).catch(() => {})
  }
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !isSecureContext) {
    startBanner(options)
    return { outcome: 'unsupported', workbox: null }
  }
  const swUrl = options.swUrl ?? '/sw.js'
  try {
    const status = options.statusUrl ? await readStatus(options) : null
    // After the read, so the banner starts from the status just kept instead of asking again.
    startBanner(options)
    if (status?.disableServiceWorker === true) {
      await unregisterWorkers(swUrl)
      return { outcome: 'disabled', workbox: null }
    }
    const workbox = new Workbox(
      serviceWorkerUrl(swUrl, toServiceWorkerConfig(options)),
      options.scope ? { scope: options.scope } : {},
    )
    // A new version waits until no page uses the old one; ask it to take over now so the next
    // navigation gets it and nobody stays on an old worker for weeks.
    workbox.addEventListener('waiting', () => workbox.messageSkipWaiting())
    const registration = await workbox.register()
    tellWorkerWhenOnline()
    const installFailure = registration ? await installOutcome(registration) : null
    if (installFailure) return failed(installFailure, null)
    return { outcome: 'registered', workbox }
  } catch (error) {
    // register() rejects when the script fails to load or throws while it is evaluated.
    return failed(`the service worker could not be registered: ${describeError(error)}`, error)
  }
}

/** The in-app banner, when asked for; it never makes registration fail. */
function startBanner(options: StartupHelpOptions): void {
  if (!options.banner || !options.statusUrl || typeof document === 'undefined') return
  showStatusBanner({
    statusUrl: options.statusUrl,
    ...(options.app ? { app: options.app } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.strings ? { strings: options.strings } : {}),
  }).catch((error: unknown) => console.warn('startup-help: the status banner failed', error))
}

/** Logs the reason once (so a developer sees it in the console) and builds the answer. */
function failed(reason: string, error: unknown): StartupHelpRegistration {
  console.warn(`startup-help: ${reason}`)
  return error === null
    ? { outcome: 'failed', workbox: null, reason }
    : { outcome: 'failed', workbox: null, reason, error }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * Waits for a worker that is installing to be installed or to fail (its install handler threw or
 * precaching failed: the browser then drops it as redundant). Null when it installed, is still
 * installing after {@link INSTALL_WAIT_MS}, or nothing was installing.
 */
function installOutcome(registration: ServiceWorkerRegistration): Promise<string | null> {
  const worker = registration.installing
  if (!worker) return Promise.resolve(null)
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), INSTALL_WAIT_MS)
    function done(result: string | null) {
      clearTimeout(timer)
      worker?.removeEventListener('statechange', check)
      resolve(result)
    }
    function check() {
      if (worker?.state === 'redundant') {
        done('the service worker failed to install (see the worker console for its error)')
      } else if (worker?.state !== 'installing') done(null)
    }
    worker.addEventListener('statechange', check)
    check()
  })
}

/** Reads `/v1/status` and remembers it with the arrival time; `null` when it can't be read. */
async function readStatus(
  options: StartupHelpOptions,
): Promise<{ disableServiceWorker?: unknown } | null> {
  const url = statusRequestUrl(
    options.statusUrl ?? '',
    options.app ?? null,
    options.lang ?? navigator.language ?? 'en',
  )
  const fetched = await fetchStatus(url, STATUS_TIMEOUT_MS)
  const status = fetched?.body as { disableServiceWorker?: unknown } | null | undefined
  if (typeof status !== 'object' || status === null) return null
  remember(KNOWN_STATUS_KEY, JSON.stringify({ status, receivedAt: new Date().toISOString() }))
  return status
}

/**
 * Kill switch, page side: unregister every registration running our worker script and delete our
 * caches (a worker gone before it read the kill switch would leave them behind).
 */
async function unregisterWorkers(swUrl: string): Promise<void> {
  const path = new URL(swUrl, location.href).pathname
  const registrations = await navigator.serviceWorker.getRegistrations()
  await Promise.all(
    registrations
      .filter((registration) => {
        const worker = registration.active ?? registration.waiting ?? registration.installing
        return worker !== null && new URL(worker.scriptURL).pathname === path
      })
      .map((registration) => registration.unregister()),
  )
  const names = await caches.keys().catch(() => [] as string[])
  await Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)),
  )
}
