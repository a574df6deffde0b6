import type { HelpModel } from '../../formats/help-model.js'
import { chooseLanguage, stringsFor } from '../../help-page/strings.js'
import { el } from './dom.js'
import { renderHelpPanel } from './help-panel.js'
import { attachPanelRoot } from './shadow-host.js'

export interface HelpDialogOptions {
  reportEndpoint: string | null
  probeUrl: string | null
  /** When the server answers again; the default reloads the page so the app starts afresh. */
  onBack?: () => void
}

/**
 * Shows the help panel as a modal dialog in the host page, inside a shadow root (the host's CSS
 * and ours never mix). Escape and "Close" close it; focus goes back where it was. Resolves when
 * the dialog closes.
 *
 * @example
 * await openHelpDialog(model, { reportEndpoint, probeUrl: location.href })
 */
export function openHelpDialog(model: HelpModel, options: HelpDialogOptions): Promise<void> {
  const previousFocus = deepActiveElement()
  const host = el('div', { 'data-startup-help': 'dialog' })
  const root = attachPanelRoot(host)
  const lang = chooseLanguage(
    model.defaults.lang,
    navigator.languages ?? [],
    model.defaults.strings,
  )
  const t = stringsFor(lang, model.defaults.strings)

  let close = () => {}
  const panel = renderHelpPanel(model, {
    headingLevel: 2,
    reportEndpoint: options.reportEndpoint,
    probeUrl: options.probeUrl,
    root,
    idPrefix: `sh-dialog-${Math.random().toString(36).slice(2, 8)}`,
    // The page under the dialog keeps what the user typed: once the server answers again the
    // dialog just closes (focus goes back to where it was) and the user sends the form again.
    inputKept: true,
    onBack: () => {
      close()
      options.onBack?.()
    },
  })
  const closeButton = el('button', { type: 'button', class: 'sh-close' }, t.close)
  const titleId = panel.title.id
  const native =
    typeof HTMLDialogElement === 'function' && 'showModal' in HTMLDialogElement.prototype
  const dialog = native
    ? el('dialog', { class: 'sh-dialog', 'aria-labelledby': titleId, lang })
    : el('div', {
        class: 'sh-fallback-dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': titleId,
        lang,
      })
  dialog.append(closeButton, panel.element)
  root.append(dialog)
  document.body.append(host)

  return new Promise((resolve) => {
    let closed = false
    close = () => {
      if (closed) return
      closed = true
      panel.destroy()
      if (dialog instanceof HTMLDialogElement && dialog.open) dialog.close()
      host.remove()
      document.removeEventListener('keydown', onKeydown, true)
      previousFocus?.focus()
      resolve()
    }
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close()
      } else if (event.key === 'Tab' && !native) {
        trapTab(event, dialog, root)
      }
    }
    closeButton.addEventListener('click', () => close())
    // The native dialog closes itself on Escape ("cancel"); clean up after it either way.
    dialog.addEventListener('close', () => close())
    document.addEventListener('keydown', onKeydown, true)
    if (dialog instanceof HTMLDialogElement) dialog.showModal()
    panel.title.focus()
  })
}

/** The focused element, looking through shadow roots (the host app may use web components). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active instanceof HTMLElement ? active : null
}

/** Focus trap for browsers without <dialog>: Tab cycles inside the panel. */
function trapTab(event: KeyboardEvent, container: HTMLElement, root: ShadowRoot): void {
  const focusable = [
    ...container.querySelectorAll<HTMLElement>('button, a[href], textarea, input, [tabindex="0"]'),
  ].filter((element) => !element.closest('[hidden]') && !(element as HTMLButtonElement).disabled)
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  if (!first || !last) return
  const active = root.activeElement
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault()
    first.focus()
  }
}
