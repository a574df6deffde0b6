import { PANEL_CSS } from './panel-styles.js'

const sheets = new Map<string, CSSStyleSheet>()

/**
 * Gives `host` an open shadow root styled with `css`. A constructed stylesheet is used where the
 * browser has them (not subject to the host page's `style-src`, so it works under a strict CSP);
 * elsewhere a `<style>` element, which works wherever the page's policy allows it.
 *
 * @example
 * const root = attachStyledRoot(document.createElement('div'), ':host { display: block }')
 */
export function attachStyledRoot(host: HTMLElement, css: string): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' })
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    let sheet = sheets.get(css)
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      sheets.set(css, sheet)
    }
    root.adoptedStyleSheets = [sheet]
  } else {
    const style = document.createElement('style')
    style.textContent = css
    root.append(style)
  }
  return root
}

/**
 * Gives `host` an open shadow root styled with the panel's CSS.
 *
 * @example
 * const root = attachPanelRoot(document.createElement('div'))
 */
export function attachPanelRoot(host: HTMLElement): ShadowRoot {
  return attachStyledRoot(host, PANEL_CSS)
}
