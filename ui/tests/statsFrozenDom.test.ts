// The charts' own drawing in a page (the SVG painter, its DOM updates, tooltip and resize)
// with Object.prototype frozen as Tauri freezes it. ECharts is loaded first (its one assignment
// at load is what vite-plugins/frozenPrototype.ts patches in the build; see
// statsFrozenPrototype.test.ts), then the prototype is frozen for the rest of this file.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { barOption, init } from '@/shared/charts/echarts'

Object.freeze(Object.prototype)

afterAll(() => {
  document.body.innerHTML = ''
})

describe('a chart in the page under a frozen Object.prototype', () => {
  it('draws, updates, shows its tooltip, resizes and goes away without an error', () => {
    expect(Object.isFrozen(Object.prototype)).toBe(true)
    // jsdom has no canvas; ECharts then measures text from the font size.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    const box = document.createElement('div')
    document.body.appendChild(box)
    const chart = init(box, undefined, { renderer: 'svg', width: 520, height: 260 })
    chart.setOption(
      barOption(['一级', '二级', '三级'], [
        { name: '新建档案', color: '#2f4f6f', data: [3, 11, 20] },
        { name: '解除档案', color: '#9aa7b8', data: [1, 6, 15] },
      ], '预警档案'),
    )
    const texts = (): string[] => [...box.querySelectorAll('svg text')].map((t) => t.textContent ?? '')
    expect(texts()).toEqual(expect.arrayContaining(['一级', '新建档案', '20', '15']))

    chart.setOption(barOption(['个体辅导'], [{ name: '次数', color: '#1f5fbf', data: [42] }], '各项工作次数'), { notMerge: true })
    expect(texts()).toEqual(expect.arrayContaining(['个体辅导', '42']))
    expect(texts()).not.toContain('一级')

    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 })
    chart.resize({ width: 400, height: 200 })
    expect(box.querySelector('svg')?.getAttribute('width')).toBe('400')
    chart.dispose()
    expect(box.querySelector('svg')).toBeNull()
  })
})
