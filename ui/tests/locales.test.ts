// The two languages must offer exactly the same strings, and none may be left empty — in the
// merged message tree and in each part's own files (app/locales, features/<domain>/locales).
import { describe, expect, it } from 'vitest'
import { en, parts, zhCN } from '@/app/messages'

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  )
}

function valuesOf(messages: object): unknown[] {
  return Object.values(messages).flatMap((value) =>
    typeof value === 'object' && value !== null ? valuesOf(value as object) : [value],
  )
}

describe('locales', () => {
  it('zh-CN and en have the same set of keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort())
  })

  it('every string is filled in, in both languages', () => {
    for (const value of [...valuesOf(zhCN), ...valuesOf(en)]) {
      expect(typeof value).toBe('string')
      expect((value as string).trim()).not.toBe('')
    }
  })

  it('each part has the same keys in zh-CN and en', () => {
    for (const [name, part] of Object.entries(parts)) {
      expect(keysOf(part.en).sort(), name).toEqual(keysOf(part['zh-CN']).sort())
    }
  })

  it('no two parts define the same top-level key, so merging loses nothing', () => {
    const tops = Object.values(parts).flatMap((part) => Object.keys(part['zh-CN']))
    expect(new Set(tops).size).toBe(tops.length)
    expect(Object.keys(zhCN).sort()).toEqual([...tops].sort())
  })
})
