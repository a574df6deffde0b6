/** One line of the `npm run bench` table: ours beside a baseline, in the same run. */
export interface BenchRow {
  group: string
  metric: string
  unit: string
  ours: number
  /** The comparison measured in the same run (nginx, "without service worker", …), if any. */
  baseline?: { name: string; value: number }
  /** A human target, e.g. "≥ 0.6× nginx" or "≤ 150 ms"; `met` says whether this run met it. */
  target?: { text: string; met: boolean }
}

const fmt = (value: number) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2)

/**
 * Renders rows as a plain text table.
 *
 * @example
 * console.log(renderTable([{ group: 'status', metric: 'GET /v1/status', unit: 'req/s', ours: 9000 }]))
 */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['group', 'metric', 'ours', 'baseline', 'ratio', 'target', 'met']
  const lines = rows.map((row) => [
    row.group,
    row.metric,
    `${fmt(row.ours)} ${row.unit}`,
    row.baseline ? `${fmt(row.baseline.value)} ${row.unit} (${row.baseline.name})` : '',
    row.baseline && row.baseline.value !== 0
      ? `${(row.ours / row.baseline.value).toFixed(2)}×`
      : '',
    row.target?.text ?? '',
    row.target ? (row.target.met ? 'yes' : 'NO') : '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)))
  const render = (cells: string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')
  return [render(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(render)].join(
    '\n',
  )
}
