// The screening figures: band counts by grade as stacked bars, and one student's totals across
// campaigns as a line (ECharts as set up in shared/charts/echarts.ts).
import { GRID_CONTAINS_LABELS, type ChartOption } from '@/shared/charts/echarts'

/** Quiet blues from the lowest band to the highest; invalid results in grey. No level colours. */
const BAND_COLOURS = ['#c9d6ea', '#9fb6d9', '#6f90c4', '#41669f', '#1f3f73', '#13284a']
const INVALID_COLOUR = '#a3a8b0'
/** The band label the backend gives invalid results. */
export const INVALID_BAND = '无效'

function colourOf(bands: readonly string[], band: string): string {
  if (band === INVALID_BAND) return INVALID_COLOUR
  const valid = bands.filter((b) => b !== INVALID_BAND)
  const step = valid.length <= 1 ? 0 : (BAND_COLOURS.length - 1) / (valid.length - 1)
  return BAND_COLOURS[Math.round(valid.indexOf(band) * step)] ?? BAND_COLOURS[0]!
}

/** Band counts per grade as stacked bars: one bar per grade, one colour per band. */
export function bandsOption(grades: readonly string[], bands: readonly { name: string; data: number[] }[], axisName: string): ChartOption {
  const names = bands.map((b) => b.name)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, ...GRID_CONTAINS_LABELS },
    xAxis: { type: 'category', data: [...grades] },
    yAxis: { type: 'value', minInterval: 1, name: axisName },
    series: bands.map((b) => ({
      type: 'bar' as const,
      name: b.name,
      stack: 'bands',
      barMaxWidth: 48,
      itemStyle: { color: colourOf(names, b.name) },
      data: b.data,
    })),
  }
}

const LINE_COLOUR = '#1f5fbf'
/** The dark red of "act today" (not a level colour), for a result whose critical item fired. */
const CRITICAL_COLOUR = '#a11a12'

/** One instrument's totals across campaigns as a line; a critical result is a red diamond and
 *  an invalid one (no total) a gap. */
export function trendOption(
  points: readonly { label: string; total: number | null; critical: boolean }[],
  name: string,
  axisName: string,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, ...GRID_CONTAINS_LABELS },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.label),
      axisLabel: { interval: 0, fontSize: 11, lineHeight: 16 },
    },
    yAxis: { type: 'value', minInterval: 1, name: axisName },
    series: [
      {
        type: 'line',
        name,
        connectNulls: false,
        symbolSize: 8,
        lineStyle: { color: LINE_COLOUR },
        itemStyle: { color: LINE_COLOUR },
        data: points.map((p) =>
          p.critical ? { value: p.total, symbol: 'diamond', symbolSize: 12, itemStyle: { color: CRITICAL_COLOUR } } : { value: p.total },
        ),
      },
    ],
  }
}
