/**
 * Report text came from the network: strip terminal control characters before printing it.
 *
 * @example
 * clean('ok\u001b[2J') // 'ok?[2J'
 */
export function clean(text: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')
}

/**
 * `clean` on one line, cut to `max` characters with an ellipsis.
 *
 * @example
 * oneLine('a\n  b', 10) // 'a b'
 */
export function oneLine(text: string | null | undefined, max: number): string {
  const flat = clean(text).replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/**
 * Label/value rows, multi-line values indented under their label so the block stays readable.
 *
 * @example
 * labelled([['Reference', 'SH-7K3M9Q']]) // 'Reference       SH-7K3M9Q'
 */
export function labelled(rows: readonly (readonly [string, string])[]): string {
  return rows
    .map(([label, value]) => `${label.padEnd(15)} ${value.replace(/\n/g, `\n${' '.repeat(16)}`)}`)
    .join('\n')
}
