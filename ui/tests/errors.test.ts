// errorText turns whatever the backend rejected with into text a teacher can act on.
import { describe, expect, it } from 'vitest'
import { AppError, errorText, toAppError } from '@/api'

describe('errorText', () => {
  it('maps a known code to its Chinese text', () => {
    expect(errorText({ code: 'internal', message: 'x' })).toBe(
      '程序内部出错，请重试；若仍出错请联系信息管理员。',
    )
  })

  it('wraps an unknown code in the generic Chinese sentence, keeping the backend message', () => {
    expect(errorText(new AppError('disk_full', '磁盘已满'))).toBe(
      '出错了：磁盘已满，请重试；若仍出错请联系信息管理员',
    )
  })

  it('turns a plain string or Error into an AppError with code unknown', () => {
    expect(toAppError('boom')).toMatchObject({ code: 'unknown', message: 'boom' })
    expect(toAppError(new Error('bad'))).toMatchObject({ code: 'unknown', message: 'bad' })
    expect(toAppError({ code: 'internal', message: 'x' })).toBeInstanceOf(AppError)
  })
})
