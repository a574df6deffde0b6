import type { KnownStatus } from '../../formats/help-model.js'
import { resolvedStatusSchema } from '../../formats/resolved-status.js'
import { statusRequestUrl } from '../../formats/status-url.js'
import { noticeViews } from '../../help-page/notices.js'
import { chooseLanguage, stringsFor } from '../../help-page/strings.js'
import { fetchStatus } from '../fetch-status.js'
import { knownStatus } from '../known-status.js'
import { KNOWN_STATUS_KEY, remember } from '../page-memory.js'
import type { StatusBanner, StatusBannerOptions } from '../status-banner-options.js'
import { createBannerView } from '../ui/status-banner.js'
import { dismiss, isDismissed } from './dismissed-notices.js'

/** A status read waits this long; past it the banner keeps what it knows. */
const STATUS_TIMEOUT_MS = 5000
/**
 * Re-read bounds. The answer's max-age stops at the next publish/start/end, so waiting for it
 * catches every transition; the floor spares the service when max-age is 0, the ceiling bounds
 * how late a new notice reaches an open tab when nothing is scheduled.
 */
const MIN_REFRESH_MS = 5000
const MAX_REFRESH_MS = 5 * 60_000
/** While the service does not answer, try again this often (the last known status stays on show). */
const RETRY_WHEN_DOWN_MS = 60_000
/** A status `registerStartupHelp` read this recently is used as is instead of a second request. */
const FRESH_MS = 10_000

/**
 * The banner's loop: read the status (or take the last known one), show what is not dismissed,
 * read again when the answer's max-age runs out or the tab is shown again.
 *
 * @example
 * const banner = await runStatusBanner({ app: 'crm', statusUrl: 'https://status.example.com' })
 */
export async function runStatusBanner(options: StatusBannerOptions): Promise<StatusBanner> {
  if (!document.body) {
    await new Promise((resolve) =>
      document.addEventListener('DOMContentLoaded', resolve, { once: true }),
    )
  }
  const browserLanguages = navigator.languages ?? []
  const overrides = options.strings ?? {}
  const lang = chooseLanguage(options.lang ?? null, browserLanguages, overrides)
  const t = stringsFor(lang, overrides)
  const requestUrl = statusRequestUrl(
    options.statusUrl,
    options.app ?? null,
    options.lang ?? navigator.language ?? 'en',
  )
  const view = createBannerView(options.container ?? document.body, t, lang, (notice) => {
    dismiss(
      notice,
      currentNotices().map((n) => n.id),
    )
    render()
  })
  // The page keeps one status per origin: take it only when it is this app's, in the language
  // this banner asks for (registerStartupHelp may have read it in the browser's language).
  const kept = knownStatus()
  const askedLang = new URL(requestUrl).searchParams.get('lang')
  let known: KnownStatus | null =
    kept?.status.app === (options.app ?? null) && kept.status.lang === askedLang ? kept : null
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const currentNotices = () => noticeViews(known, t, lang, Date.now())
  function render() {
    view.show(currentNotices().filter((notice) => !isDismissed(notice)))
  }

  async function refresh() {
    clearTimeout(timer)
    const answer = await readStatus(requestUrl)
    if (closed) return
    if (answer) known = answer.known
    render()
    schedule(answer ? answer.maxAgeSeconds * 1000 : RETRY_WHEN_DOWN_MS)
  }

  function schedule(delayMs: number) {
    clearTimeout(timer)
    timer = setTimeout(refresh, Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, delayMs)))
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh()
  }
  document.addEventListener('visibilitychange', onVisible)

  const fresh = known && Date.now() - Date.parse(known.receivedAt) < FRESH_MS
  if (fresh) {
    render()
    schedule(MIN_REFRESH_MS)
  } else {
    render()
    await refresh()
  }

  return {
    close() {
      closed = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
      view.remove()
    },
  }
}

/**
 * Reads `/v1/status` and remembers it for the in-page dialog and the next visit; `null` when the
 * service cannot be read (down, offline, wrong answer).
 */
async function readStatus(
  url: string,
): Promise<{ known: KnownStatus; maxAgeSeconds: number } | null> {
  const fetched = await fetchStatus(url, STATUS_TIMEOUT_MS)
  // A wrong answer must not replace the last good status.
  const parsed = resolvedStatusSchema.safeParse(fetched?.body)
  if (!fetched || !parsed.success) return null
  const known = { status: parsed.data, receivedAt: new Date().toISOString() }
  remember(KNOWN_STATUS_KEY, JSON.stringify(known))
  return { known, maxAgeSeconds: fetched.maxAgeSeconds ?? 60 }
}
