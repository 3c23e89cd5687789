// ECharts for the workbench, set up once: only what the figures use — bar and line charts with a
// grid, tooltip, legend and the aria description, drawn as SVG (crisp when printed, no canvas
// needed). Importing from `echarts/core` keeps the rest of the library out of the bundle. Under
// Tauri's frozen Object.prototype ECharts needs the patch in vite-plugins/frozenPrototype.ts.
// The figures' own options live with their features (notes: barOption here; screening: charts.ts).
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>

export { init, type EChartsType }

/** Axes whose labels stay inside the chart (what `containLabel` did before ECharts 6). */
export const GRID_CONTAINS_LABELS = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const

/** One series of a bar chart: its name (the legend), one number per category, its colour. */
export interface BarSeries {
  name: string
  data: number[]
  color: string
}

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'

/** The option of a bar chart: no animation, each bar's number on top and in the tooltip, a
 *  legend when there is more than one series, and `label` as the accessible description. */
export function barOption(categories: string[], series: BarSeries[], label: string): ChartOption {
  return {
    animation: false,
    aria: { enabled: true, label: { description: label } },
    textStyle: { fontFamily: FONT, fontSize: 13, color: '#1f2329' },
    grid: { left: 8, right: 8, top: series.length > 1 ? 36 : 16, bottom: 8, ...GRID_CONTAINS_LABELS },
    legend: series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 10 } : { show: false },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: categories, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      itemStyle: { color: s.color },
      barMaxWidth: 48,
      label: { show: true, position: 'top' },
    })),
  }
}
