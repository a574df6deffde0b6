/**
 * Browser entry of the help page (bundled to `help-page.js`): reads the model the page carries,
 * replaces the static text with the interactive panel, and sends reports this browser kept.
 */
import type { HelpModel } from '../formats/help-model.js'
import { reportsEndpoint } from '../formats/status-url.js'
import { HELP_MODEL_ELEMENT_ID } from '../help-page/render-document.js'
import { recall } from './page-memory.js'
import { REPORT_QUEUE_KEY } from './report/queue-key.js'
import { flushReportQueue } from './report/report-queue.js'
import { tellWorkerWhenOnline } from './tell-worker-online.js'
import { renderHelpPanel } from './ui/help-panel.js'
import { attachPanelRoot } from './ui/shadow-host.js'

function start(): void {
  const source = document.getElementById(HELP_MODEL_ELEMENT_ID)
  const container = document.getElementById('startup-help-root')
  if (!source?.textContent || !container) return
  let model: HelpModel
  try {
    model = JSON.parse(source.textContent) as HelpModel
  } catch {
    return // The static text stays: still a useful page.
  }
  const page: HelpModel = { ...model, serviceWorkerState: serviceWorkerState(model) }
  // /help reports to the service that served it; the service worker's page names its service.
  const statusUrl = model.defaults.statusUrl ?? location.origin
  const probeUrl = retryTarget(model)

  const host = document.createElement('div')
  const root = attachPanelRoot(host)
  const panel = renderHelpPanel(page, {
    headingLevel: 1,
    reportEndpoint: reportsEndpoint(statusUrl),
    probeUrl,
    root,
    onBack: () => {
      if (probeUrl === null || probeUrl === location.href) location.reload()
      else location.assign(probeUrl)
    },
  })
  root.append(panel.element)
  container.replaceChildren(host)
  document.documentElement.lang = panel.element.lang
  // The heading takes focus, so a screen reader starts with what happened.
  panel.title.focus()
  if (recall(REPORT_QUEUE_KEY)) void flushReportQueue()
  tellWorkerWhenOnline()
}

/**
 * What "Try again" probes: the URL that failed; else this page, unless this page is the
 * server's /help opened directly (it always answers, so there is nothing to wait for).
 */
function retryTarget(model: HelpModel): string | null {
  if (model.retryUrl) return model.retryUrl
  return /\/help\/?$/.test(location.pathname) ? null : location.href
}

function serviceWorkerState(model: HelpModel): HelpModel['serviceWorkerState'] {
  if (!('serviceWorker' in navigator)) return 'unsupported'
  if (navigator.serviceWorker.controller) return 'controlling'
  return model.serviceWorkerState
}

start()
