// Tauri's `freezePrototype` freezes Object.prototype, so `obj.valueOf = …` throws in strict code
// (the "override mistake"). Day.js, which Element Plus loads, does exactly that when it starts.
// This patch defines those two properties on Day.js's own prototype before they are assigned.
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

/** The same patch for the dev server's dependency pre-bundling, which runs on esbuild. */
function esbuildPatch(): EsbuildPlugin {
  return {
    name: 'xinyu-dayjs-frozen-prototype',
    setup(build) {
      build.onLoad({ filter: DAYJS_MAIN }, async (args) => ({
        contents: patchDayjs(await readFile(args.path, 'utf8')),
        loader: 'js',
      }))
    },
  }
}

/** Vite plugin: patch Day.js in the production build and in the dev server's pre-bundle. */
export function frozenPrototypeCompat(): Plugin {
  return {
    name: 'xinyu-frozen-prototype-compat',
    enforce: 'pre',
    config: () => ({
      optimizeDeps: { esbuildOptions: { plugins: [esbuildPatch()] } },
    }),
    transform(code, id) {
      return DAYJS_MAIN.test(id) ? { code: patchDayjs(code), map: null } : null
    },
  }
}
