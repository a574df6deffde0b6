/**
 * The panel's styles, applied inside its shadow root as a constructed stylesheet. Constructed
 * sheets are not `<style>` elements, so a host page's strict `style-src` does not block them, and
 * the shadow root keeps the host's CSS out of the panel and ours out of the host.
 */
export const PANEL_CSS = `
:host { all: initial; display: block; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; }
.sh-panel { max-width: 40rem; margin: 0 auto; padding: 1.5rem; background: #fff; border-radius: 12px; box-sizing: border-box; }
.sh-title { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; outline: none; }
.sh-subtitle { font-size: 1.125rem; margin: 1.5rem 0 .5rem; }
.sh-message { border-left: 4px solid #2f6feb; background: #eef4ff; padding: .75rem 1rem; margin: 0 0 1rem; border-radius: 4px; }
.sh-severity-maintenance { border-color: #9a6700; background: #fff8e5; }
.sh-severity-degraded { border-color: #bc4c00; background: #fff1e5; }
.sh-severity-outage { border-color: #cf222e; background: #ffebe9; }
.sh-severity-label { font-weight: 700; margin: 0 0 .25rem; }
.sh-message-text, .sh-help-text { white-space: pre-line; margin: 0 0 1rem; overflow-wrap: anywhere; }
.sh-message-text { margin: 0; }
.sh-message-title { font-weight: 600; margin: 0 0 .25rem; }
.sh-other-notices ul { list-style: none; padding: 0; margin: 0 0 1rem; }
.sh-other-notices li { border-left: 4px solid #8c959f; padding: .25rem .75rem; margin: 0 0 .5rem; }
.sh-cause, .sh-input-kept, .sh-back-by { margin: 0 0 1rem; }
.sh-visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.sh-row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 0 0 1rem; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #57606a; background: #f6f8fa; color: #1d2430; cursor: pointer; }
button.sh-primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
button:disabled { opacity: .6; cursor: default; }
button:focus-visible, a:focus-visible, textarea:focus-visible, input:focus-visible, pre:focus-visible, .sh-title:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
a { color: #0550ae; }
.sh-countdown, .sh-note { color: #424a53; }
.sh-details[hidden] { display: none; }
.sh-facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
.sh-facts dt { font-weight: 600; }
.sh-facts dd { margin: 0; overflow-wrap: anywhere; }
.sh-report { max-height: 16rem; overflow: auto; background: #f6f8fa; border: 1px solid #d0d7de; padding: .75rem; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
textarea, input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #57606a; border-radius: 6px; }
textarea { min-height: 4.5rem; resize: vertical; }
.sh-send-result:empty, .sh-copy-result:empty { display: none; }
.sh-send-result { font-weight: 600; }
.sh-offscreen { position: fixed; left: -9999px; top: 0; opacity: 0; }
dialog.sh-dialog { padding: 0; border: none; border-radius: 12px; max-width: min(42rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); overflow: auto; box-shadow: 0 12px 40px rgba(0,0,0,.35); }
dialog.sh-dialog::backdrop { background: rgba(16, 22, 30, .55); }
.sh-fallback-dialog { position: fixed; inset: 1rem; margin: auto; max-width: 42rem; max-height: calc(100vh - 2rem); overflow: auto; z-index: 2147483647; border-radius: 12px; box-shadow: 0 0 0 100vmax rgba(16, 22, 30, .55); }
.sh-close { float: right; margin: 1rem 1rem 0 0; }
`
