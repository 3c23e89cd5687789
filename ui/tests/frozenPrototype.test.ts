// @vitest-environment node
// Tauri freezes Object.prototype (freezePrototype: true). Day.js, which Element Plus loads at start,
// must still load and compute dates then; vite-plugins/frozenPrototype.ts patches it in the build.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { patchDayjs } from '../vite-plugins/frozenPrototype'

const require = createRequire(import.meta.url)
const dayjsSource = readFileSync(require.resolve('dayjs'), 'utf8')

/** Evaluate Day.js as strict module code in a fresh realm whose Object.prototype is frozen. */
function runFrozen(code: string, use: string): unknown {
  const realm = vm.createContext({})
  vm.runInContext('Object.freeze(Object.prototype)', realm)
  return vm.runInContext(
    `"use strict";
     var module = { exports: {} };
     (function (module, exports) { ${code}
     })(module, module.exports);
     (function (dayjs) { ${use} })(module.exports);`,
    realm,
  )
}

describe('Day.js under a frozen Object.prototype', () => {
  it('fails to load unpatched (why the patch exists; if this passes, Day.js fixed it upstream)', () => {
    expect(() => runFrozen(dayjsSource, 'return 1')).toThrow(/read only property 'valueOf'/)
  })

  it('loads once patched, and its dates compare and print correctly', () => {
    const result = runFrozen(
      patchDayjs(dayjsSource),
      `var a = dayjs('2024-09-01T08:00:00Z'), b = a.add(1, 'day');
       return [b.valueOf() - a.valueOf(), a.isBefore(b), String(a) === a.toDate().toUTCString(), +a === a.valueOf()]`,
    )
    expect(result).toEqual([86_400_000, true, true, true])
  })

  it('refuses to patch a Day.js that no longer has the two known assignments', () => {
    expect(() => patchDayjs('var m = {}; m.valueOf = function () {}')).toThrow(/dayjs changed/)
  })
})
