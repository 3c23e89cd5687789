// The two languages must offer exactly the same strings, and none may be left empty.
import { describe, expect, it } from 'vitest'
import en from '@/app/locales/en'
import zhCN from '@/app/locales/zh-CN'

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
})
