// The screening charts — band counts as stacked bars, a student's trend as a line with a red
// diamond for a critical result and a gap for an invalid one — drawn in a page with
// Object.prototype frozen as Tauri freezes it (ECharts is loaded first; its one assignment at
// load is patched in the build, see statsFrozenPrototype.test.ts).
import { afterAll, describe, expect, it, vi } from 'vitest'
import { bandsOption, trendOption } from '@/features/screening/charts'
import { init } from '@/shared/charts/echarts'

Object.freeze(Object.prototype)

afterAll(() => {
  document.body.innerHTML = ''
})

function drawn(box: HTMLElement): string[] {
  return [...box.querySelectorAll('svg text')].map((t) => t.textContent ?? '')
}

describe('screening charts under a frozen Object.prototype', () => {
  it('draw the bands by grade and a trend, update and go away without an error', () => {
    expect(Object.isFrozen(Object.prototype)).toBe(true)
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    const box = document.createElement('div')
    document.body.appendChild(box)
    const chart = init(box, undefined, { renderer: 'svg', width: 560, height: 260 })

    chart.setOption(
      bandsOption(
        ['七年级', '八年级'],
        [
          { name: '无或极轻', data: [30, 28] },
          { name: '中度', data: [8, 6] },
          { name: '无效', data: [1, 1] },
        ],
        '人数',
      ),
    )
    expect(drawn(box)).toEqual(expect.arrayContaining(['七年级', '八年级', '无或极轻', '无效', '人数']))

    chart.setOption(
      trendOption(
        [
          { label: '2025年9月15日', total: 8, critical: false },
          { label: '2026年2月23日', total: 14, critical: true },
          { label: '2026年9月14日', total: null, critical: false },
        ],
        'PHQ-9',
        '总分',
      ),
      { notMerge: true },
    )
    expect(drawn(box)).toEqual(expect.arrayContaining(['2025年9月15日', '2026年2月23日', '总分']))
    expect(drawn(box)).not.toContain('七年级')
    expect(box.querySelector('svg path[fill="#a11a12"]')).not.toBeNull()

    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 1 })
    chart.resize({ width: 400, height: 200 })
    chart.dispose()
    expect(box.querySelector('svg')).toBeNull()
  })
})
