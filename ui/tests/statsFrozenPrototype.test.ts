// @vitest-environment node
// Tauri freezes Object.prototype (freezePrototype: true). ECharts assigns `constructor` onto a
// plain object when its scheduler loads, which then throws; vite-plugins/frozenPrototype.ts
// patches that one assignment in the build. Here the whole library (its UMD build, the same
// code as the modules the app bundles) runs in a realm whose Object.prototype is frozen, and
// draws the statistics' charts as SVG.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { barOption } from '@/shared/charts/echarts'
import { patchEchartsScheduler } from '../vite-plugins/frozenPrototype'

const require = createRequire(import.meta.url)
const echartsMain = require.resolve('echarts')
const umd = readFileSync(echartsMain.replace(/index\.js$/, 'dist/echarts.js'), 'utf8')
const scheduler = readFileSync(echartsMain.replace(/index\.js$/, 'lib/core/Scheduler.js'), 'utf8')

/** Load ECharts as strict code in a fresh realm with a frozen Object.prototype, then run `use`. */
function runFrozen(code: string, use: string): unknown {
  const realm = vm.createContext({ setTimeout, clearTimeout })
  vm.runInContext('Object.freeze(Object.prototype); var global = globalThis;', realm)
  return vm.runInContext(
    `"use strict";
     var module = { exports: {} }; var exports = module.exports;
     ${code}
     ;(function (echarts) { ${use} })(module.exports);`,
    realm,
  )
}

/** Draw one chart server-side (no DOM) and answer its SVG. */
function draw(option: unknown): string {
  return `var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 520, height: 260 });
          chart.setOption(${JSON.stringify(option)});
          var svg = chart.renderToSVGString();
          chart.dispose();
          return svg;`
}

const workOption = barOption(
  ['个体辅导', '团体辅导', '热线转介', '培训', '活动'],
  [{ name: '次数', color: '#1f5fbf', data: [128, 14, 6, 4, 7] }],
  '各项工作次数',
)
const levelOption = barOption(
  ['一级', '二级', '三级'],
  [
    { name: '新建档案', color: '#2f4f6f', data: [3, 11, 20] },
    { name: '解除档案', color: '#9aa7b8', data: [1, 6, 15] },
  ],
  '预警档案',
)

describe('ECharts under a frozen Object.prototype', () => {
  it('fails to load unpatched (why the patch exists; if this passes, ECharts fixed it upstream)', () => {
    expect(() => runFrozen(umd, 'return 1')).toThrow(/read only property 'constructor'/)
  })

  it('loads once patched and draws both charts of the statistics with their numbers', () => {
    const patched = patchEchartsScheduler(umd)
    const work = runFrozen(patched, draw(workOption)) as string
    expect(work).toMatch(/^<svg/)
    for (const text of ['>个体辅导<', '>活动<', '>128<', '>14<']) expect(work).toContain(text)

    const levels = runFrozen(patched, draw(levelOption)) as string
    for (const text of ['>一级<', '>三级<', '>新建档案<', '>解除档案<', '>20<', '>15<']) expect(levels).toContain(text)
  })

  it('patches exactly the module the app bundles, and refuses an ECharts that changed', () => {
    expect(patchEchartsScheduler(scheduler)).toContain('Object.defineProperty(target, name_1')
    expect(() => patchEchartsScheduler('var target = {}')).toThrow(/echarts changed/)
  })

  it('the chart options hold no functions (nothing to evaluate under the CSP)', () => {
    expect(JSON.parse(JSON.stringify(levelOption))).toEqual(levelOption)
  })
})
