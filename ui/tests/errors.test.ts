// errorText turns whatever the backend rejected with into text a teacher can act on.
import { describe, expect, it } from 'vitest'
import { AppError, errorText, toAppError } from '@/api'
import { localizedMessage } from '@/api/errors'

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

  it.each([
    ['wrong_passphrase', '口令不正确，请重新输入 (wrong passphrase: try again)', '口令不正确，请重新输入'],
    ['weak_passphrase', '口令至少需要 10 个字符 (the passphrase needs at least 10 characters)', '口令至少需要 10 个字符'],
    ['too_many_attempts', '口令错误次数过多，请 30 秒后再试 (too many wrong passphrases: wait 30 s)', '口令错误次数过多，请 30 秒后再试'],
    ['invalid', '学号：不能为空 (required)', '学号：不能为空'],
    ['unknown_user', '没有这个用户，请检查姓名 (no such user: check the name)', '没有这个用户，请检查姓名。'],
  ])('maps %s to plain Chinese', (code, message, expected) => {
    expect(errorText({ code, message })).toBe(expected)
  })
})

describe('localizedMessage', () => {
  it('drops the English echo in Chinese, even when it holds parentheses or Chinese words', () => {
    expect(
      localizedMessage('您的角色（校长）无权添加学生 (your role (校长) may not 添加学生)', 'zh-CN'),
    ).toBe('您的角色（校长）无权添加学生')
    expect(localizedMessage('学号 2023001已存在 (学号 2023001 already exists)', 'zh-CN')).toBe('学号 2023001已存在')
  })

  it('keeps a message that is not `中文 (English)`, and everything in English', () => {
    expect(localizedMessage('磁盘已满', 'zh-CN')).toBe('磁盘已满')
    expect(localizedMessage('disk full (ENOSPC)', 'zh-CN')).toBe('disk full (ENOSPC)')
    expect(localizedMessage('口令不正确 (wrong passphrase)', 'en')).toBe('口令不正确 (wrong passphrase)')
  })
})
