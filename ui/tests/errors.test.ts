// errorText turns whatever the backend rejected with into text a teacher can act on, from the
// error's code and typed details alone — in Chinese by default, in English with no Chinese.
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, cellText, errorText, toAppError } from '@/api'
import { errorVocabulary } from '@/api/bindings/errorVocabulary'
import { i18n } from '@/app/i18n'
import { en, zhCN } from '@/app/messages'
import { rejection } from './helpers'

const HAN = /[\u3400-\u9fff]/

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('errorText', () => {
  it('maps a known code to its Chinese text, never the backend message', () => {
    expect(errorText(rejection('internal', {}, 'disk I/O error at page 7'))).toBe(
      '程序内部出错，请重试；若仍出错请联系信息管理员。',
    )
  })

  it('wraps an unknown code in the generic Chinese sentence, keeping the message', () => {
    expect(errorText(new AppError('disk_full', '磁盘已满'))).toBe(
      '出错了：磁盘已满，请重试；若仍出错请联系信息管理员',
    )
  })

  it('turns a plain string or Error into an AppError with code unknown', () => {
    expect(toAppError('boom')).toMatchObject({ code: 'unknown', message: 'boom', details: {} })
    expect(toAppError(new Error('bad'))).toMatchObject({ code: 'unknown', message: 'bad' })
    expect(toAppError(rejection('internal'))).toBeInstanceOf(AppError)
  })

  it.each([
    [rejection('invalid', { field: 'student_no', problem: { code: 'required' } }), '学号：不能为空', 'Student number: required'],
    [
      rejection('forbidden', { role: 'principal', deed: 'add_student' }),
      '您的角色（校长）无权添加学生。如确需此操作，请联系专职心理教师或信息管理员。',
      'Your role (Principal) may not add students. If this is really needed, ask the counselor or the IT administrator.',
    ],
    [rejection('not_found', { kind: 'letter' }), '找不到该来信，可能已被删除。请刷新后重试。', 'This letter was not found; it may have been deleted. Refresh and try again.'],
    [
      rejection('duplicate', { existing: { code: 'campaign', params: { name: '2026春季筛查' } } }),
      '测评活动“2026春季筛查”已存在，请检查是否已经录入。',
      'The campaign “2026春季筛查” already exists: check whether it was entered before.',
    ],
    [rejection('too_many_attempts', { seconds: 30 }), '口令错误次数过多，请 30 秒后再试', 'Too many wrong passphrases: wait 30 seconds and try again'],
    [rejection('weak_passphrase', { min: 10 }), '口令至少需要 10 个字符', 'The passphrase needs at least 10 characters'],
    [
      rejection('invalid', { field: 'duration', problem: { code: 'minutes', params: { min: 1, max: 480 } } }),
      '时长：时长应为 1 到 480 分钟',
      'Duration: 1 to 480 minutes',
    ],
    [
      rejection('invalid', { field: 'roster_file', problem: { code: 'file', params: { code: 'missing_column', params: { field: 'class_name' } } } }),
      '花名册文件：请指定哪一列是「班级」',
      'Roster file: choose the column that holds “Class”',
    ],
  ])('words %j from its details, in Chinese and in English', (error, chinese, english) => {
    expect(errorText(error)).toBe(chinese)
    i18n.global.locale.value = 'en'
    expect(errorText(error)).toBe(english)
  })

  it('falls back to the generic sentence when a code arrives without the details it needs', () => {
    expect(errorText(rejection('invalid', {}, '学号：不能为空 (required)'))).toBe(
      '出错了：学号：不能为空 (required)，请重试；若仍出错请联系信息管理员',
    )
  })

  it('words every problem of an instrument definition, joined', () => {
    const error = rejection('invalid', {
      field: 'instrument_definition',
      problem: { code: 'definition', params: { problems: [{ code: 'no_items' }, { code: 'bands_short', params: { hi: 27 } }] } },
    })
    expect(errorText(error)).toBe('量表定义：没有题目；分数段须覆盖到最高分 27')
  })

  it('words a refused cell without echoing its content', () => {
    const cell = { row: 3, column: 'Q3', problem: { code: 'bad_answer' as const, params: { item: 3, options: '0/1/2/3' } } }
    expect(cellText(cell)).toBe('第 3 题的答案不是有效选项（应为 0/1/2/3）')
    i18n.global.locale.value = 'en'
    expect(cellText(cell)).toBe('item 3: not a valid answer (one of 0/1/2/3)')
  })
})

/** Every text of one group of the error vocabulary, in one language. */
function group(messages: typeof zhCN, name: keyof typeof errorVocabulary): Record<string, unknown> {
  const words = messages.errors as unknown as Record<string, Record<string, unknown>>
  return words[name] ?? {}
}

describe('the error vocabulary', () => {
  const groups = Object.keys(errorVocabulary) as (keyof typeof errorVocabulary)[]

  it.each(groups)('has a Chinese and an English text for every %s code the backend can send', (name) => {
    for (const code of errorVocabulary[name]) {
      expect(group(zhCN, name)[code], `zh-CN errors.${name}.${code}`).toEqual(expect.any(String))
      expect(group(en, name)[code], `en errors.${name}.${code}`).toEqual(expect.any(String))
    }
  })

  it.each(groups)('has no Chinese in the English text of any %s code', (name) => {
    for (const code of errorVocabulary[name]) {
      expect(group(en, name)[code] as string, `en errors.${name}.${code}`).not.toMatch(HAN)
    }
  })

  it('words the roles and roster fields an error names without Chinese in English', () => {
    for (const text of [...Object.values(en.roles), ...Object.values(en.roster.fields)]) {
      expect(text).not.toMatch(HAN)
    }
  })
})
