import { PANEL_CSS } from './panel-styles.js'

let sharedSheet: CSSStyleSheet | null = null

/**
 * Gives `host` an open shadow root styled with the panel's CSS. A constructed stylesheet is
 * used where the browser has them (not subject to the host page's `style-src`); elsewhere a
 * `<style>` element, which works wherever the page's policy allows it.
 *
 * @example
 * const root = attachPanelRoot(document.createElement('div'))
 */
export function attachPanelRoot(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' })
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (sharedSheet === null) {
      sharedSheet = new CSSStyleSheet()
      sharedSheet.replaceSync(PANEL_CSS)
    }
    root.adoptedStyleSheets = [sharedSheet]
  } else {
    const style = document.createElement('style')
    style.textContent = PANEL_CSS
    root.append(style)
  }
  return root
}
