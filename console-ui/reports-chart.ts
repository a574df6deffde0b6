import uPlot from 'uplot'

/** What the reports page embeds for the chart (`#reports-chart-data`). */
export interface ChartData {
  /** [bucket start ms, reports] */
  buckets: [number, number][]
  /** Incident windows to shade: [start ms, end ms, severity]. */
  windows: [number, number, string][]
  label: string
}

const SHADES: Record<string, string> = {
  outage: 'rgba(212, 53, 28, 0.18)',
  degraded: 'rgba(244, 119, 56, 0.18)',
  maintenance: 'rgba(29, 112, 184, 0.15)',
  info: 'rgba(80, 90, 95, 0.12)',
}

/**
 * Reports over time (uPlot) with the incident windows shaded behind the line, so support sees at
 * a glance whether a spike matches an incident. The table beside it stays for screen readers.
 */
export function drawReportsChart(container: HTMLElement): void {
  const source = document.getElementById('reports-chart-data')
  if (!source?.textContent) return
  const data = JSON.parse(source.textContent) as ChartData
  const xs = data.buckets.map(([start]) => start / 1000)
  const ys: (number | null)[] = data.buckets.map(([, count]) => count)
  // The last bucket's end, so its step is drawn as wide as the others.
  const last = data.buckets.at(-1)
  const previous = data.buckets.at(-2)
  if (last && previous) {
    xs.push((2 * last[0] - previous[0]) / 1000)
    ys.push(last[1])
  }
  const shadeWindows = (u: uPlot) => {
    const { ctx } = u
    const { top, height } = u.bbox
    ctx.save()
    for (const [start, end, severity] of data.windows) {
      const left = u.valToPos(start / 1000, 'x', true)
      const right = u.valToPos(end / 1000, 'x', true)
      ctx.fillStyle = SHADES[severity] ?? SHADES.info ?? 'rgba(0,0,0,0.1)'
      ctx.fillRect(left, top, Math.max(2, right - left), height)
    }
    ctx.restore()
  }
  const width = Math.max(320, container.clientWidth || 720)
  new uPlot(
    {
      width,
      height: 240,
      series: [
        {},
        {
          label: data.label,
          stroke: '#1d70b8',
          width: 2,
          fill: 'rgba(29, 112, 184, 0.15)',
          // A count belongs to its whole bucket: a step from its start to the next one, so a
          // spike sits under the incident window it happened in, not an hour to the left.
          ...(uPlot.paths.stepped ? { paths: uPlot.paths.stepped({ align: 1 }) } : {}),
          points: { show: false },
        },
      ],
      // Counts are whole numbers: no 0.2-report ticks.
      axes: [
        {},
        { label: data.label, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
      ],
      legend: { show: false },
      hooks: { drawClear: [shadeWindows] },
    },
    [xs, ys],
    container,
  )
  container.setAttribute('aria-hidden', 'true')
}
