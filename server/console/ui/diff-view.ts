import type { DiffLine } from '../../status/diff-versions.js'
import { type Html, html } from './html.js'

/** Unchanged lines kept around each change; longer runs fold into "…". */
const CONTEXT_LINES = 3

/**
 * A line diff as `<pre>`: removed lines in `<del>` with "−", added in `<ins>` with "+" (the signs
 * carry the meaning without colour), long unchanged runs folded. Text is escaped.
 *
 * @example
 * diffView(diffLines(oldText, newText))
 */
export function diffView(lines: readonly DiffLine[]): Html {
  const near = lines.map((_, index) =>
    lines
      .slice(Math.max(0, index - CONTEXT_LINES), index + CONTEXT_LINES + 1)
      .some((line) => line.kind !== 'same'),
  )
  const rows: Html[] = []
  let folded = false
  lines.forEach((line, index) => {
    if (line.kind === 'same' && !near[index]) {
      if (!folded) rows.push(html`<span class="fold">  …\n</span>`)
      folded = true
      return
    }
    folded = false
    if (line.kind === 'added') rows.push(html`<ins>+ ${line.text}\n</ins>`)
    else if (line.kind === 'removed') rows.push(html`<del>− ${line.text}\n</del>`)
    else rows.push(html`<span>  ${line.text}\n</span>`)
  })
  return html`<pre class="diff" tabindex="0">${rows}</pre>`
}
