// Tauri's `freezePrototype` freezes Object.prototype, so `obj.valueOf = …` throws in strict code
// (the "override mistake"). Day.js, which Element Plus loads, does exactly that when it starts.
// This patch defines those two properties on Day.js's own prototype before they are assigned.
// ECharts does it too when its scheduler loads (it copies `constructor` onto a plain object);
// that assignment becomes a defineProperty the same way.
import { readFile } from 'node:fs/promises'
import type { DepOptimizationOptions, Plugin } from 'vite'

type EsbuildPlugin = NonNullable<NonNullable<DepOptimizationOptions['esbuildOptions']>['plugins']>[number]

/** Day.js's main file, the one Element Plus imports as `dayjs`. */
const DAYJS_MAIN = /[\\/]node_modules[\\/]dayjs[\\/]dayjs\.min\.js$/

/** Names Day.js assigns on its prototype that Object.prototype already has. */
const SHADOWED = /\b([A-Za-z_$][\w$]*)\.(valueOf|toString)=(?!=)/g
const EXPECTED_PATCHES = 2

/**
 * Rewrite `m.valueOf=` into `(Object.defineProperty(m,"valueOf",{…}),m).valueOf=`: the own,
 * writable property then takes the assignment even when Object.prototype is frozen.
 */
export function patchDayjs(code: string): string {
  let patches = 0
  const patched = code.replace(SHADOWED, (_match, target: string, name: string) => {
    patches += 1
    return `(Object.defineProperty(${target},"${name}",{writable:!0,configurable:!0,enumerable:!0,value:void 0}),${target}).${name}=`
  })
  if (patches !== EXPECTED_PATCHES) {
    throw new Error(
      `dayjs changed: expected ${EXPECTED_PATCHES} prototype assignments to patch, found ${patches}; ` +
        'review vite-plugins/frozenPrototype.ts before shipping (the app breaks under freezePrototype)',
    )
  }
  return patched
}

/** ECharts' scheduler, which mocks two classes by copying every enumerable name of their
 *  prototypes — `constructor` among them — onto plain objects as soon as it loads. */
const ECHARTS_SCHEDULER = /[\\/]node_modules[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/
const ECHARTS_MOCK = /\btarget\[name_1\] = noop;/g

/** Rewrite ECharts' `target[name_1] = noop;` into a defineProperty, which a frozen
 *  Object.prototype does not stop. */
export function patchEchartsScheduler(code: string): string {
  let patches = 0
  const patched = code.replace(ECHARTS_MOCK, () => {
    patches += 1
    return 'Object.defineProperty(target, name_1, { value: noop, writable: true, configurable: true, enumerable: true });'
  })
  if (patches !== 1) {
    throw new Error(
      `echarts changed: expected 1 mock assignment in core/Scheduler.js to patch, found ${patches}; ` +
        'review vite-plugins/frozenPrototype.ts before shipping (the charts break under freezePrototype)',
    )
  }
  return patched
}

/** The patch for a module, or null when it needs none. */
function patchFor(id: string): ((code: string) => string) | null {
  if (DAYJS_MAIN.test(id)) return patchDayjs
  if (ECHARTS_SCHEDULER.test(id)) return patchEchartsScheduler
  return null
}

/** The same patches for the dev server's dependency pre-bundling, which runs on esbuild. */
function esbuildPatch(): EsbuildPlugin {
  return {
    name: 'xinyu-frozen-prototype',
    setup(build) {
      build.onLoad({ filter: DAYJS_MAIN }, async (args) => ({
        contents: patchDayjs(await readFile(args.path, 'utf8')),
        loader: 'js',
      }))
      build.onLoad({ filter: ECHARTS_SCHEDULER }, async (args) => ({
        contents: patchEchartsScheduler(await readFile(args.path, 'utf8')),
        loader: 'js',
      }))
    },
  }
}

/** Vite plugin: patch Day.js and ECharts in the production build, the dev server's pre-bundle
 *  and the tests. */
export function frozenPrototypeCompat(): Plugin {
  return {
    name: 'xinyu-frozen-prototype-compat',
    enforce: 'pre',
    config: () => ({
      optimizeDeps: { esbuildOptions: { plugins: [esbuildPatch()] } },
    }),
    transform(code, id) {
      const patch = patchFor(id)
      return patch ? { code: patch(code), map: null } : null
    },
  }
}
