/**
 * The banner's CSS, inside its shadow root so the app's styles neither break it nor are broken by
 * it. Motion only for users who have not asked for less (WCAG 2.3.3).
 */
export const BANNER_CSS = `
:host { all: initial; display: block; }
:host([hidden]) { display: none; }
.shb { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.shb ul { list-style: none; margin: 0; padding: 0; }
.shb-notice { display: flex; gap: .75rem; align-items: flex-start; padding: .5rem 1rem; border-left: 6px solid #0969da; background: #ddf4ff; border-bottom: 1px solid #d0d7de; }
.shb-severity-maintenance { border-left-color: #9a6700; background: #fff8c5; }
.shb-severity-degraded { border-left-color: #bc4c00; background: #fff1e5; }
.shb-severity-outage { border-left-color: #cf222e; background: #ffebe9; }
.shb-text { flex: 1; min-width: 0; }
.shb-text p { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.shb-label { font-size: .85em; font-weight: 600; }
.shb-title { font-weight: 600; }
.shb-close { flex: none; font: inherit; font-size: 1.1em; line-height: 1; min-width: 2rem; min-height: 2rem; border: 1px solid #57606a; border-radius: 6px; background: #fff; color: #1f2328; cursor: pointer; }
.shb-close:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
@media (prefers-reduced-motion: no-preference) {
  .shb-notice { animation: shb-in .2s ease-out; }
  @keyframes shb-in { from { opacity: 0; transform: translateY(-4px); } to { opacity: 1; transform: none; } }
}
`
