/**
 * The admin console's script: everything works without it (plain forms), and it adds what needs
 * a browser — the admin's time zone, live previews while typing, time hints, copy buttons and
 * the reports chart. Never puts network text into HTML: text goes through textContent, previews
 * into sandboxed frames' srcdoc (rendered and escaped by the service).
 */

import { enableCopyButtons } from './copy-buttons.js'
import { watchEditor } from './live-preview.js'
import { drawReportsChart } from './reports-chart.js'
import { showTimeHints } from './time-hints.js'
import { rememberTimeZone } from './time-zone.js'

function start(): void {
  if (rememberTimeZone()) return // The page reloads to show times in the admin's zone.
  const summary = document.getElementById('error-summary')
  if (summary) summary.focus()
  const editor = document.getElementById('editor')
  if (editor instanceof HTMLFormElement) {
    watchEditor(editor)
    showTimeHints(editor)
  }
  enableCopyButtons(document)
  const chart = document.getElementById('reports-chart')
  if (chart) drawReportsChart(chart)
}

start()
