// The app's one message tree, merged from each part's own locale files: the shell's
// (app/locales, with the backend's errors in app/locales/errors) and every feature's (features/<domain>/locales). The top-level keys stay as
// they were (`nav.*`, `casework.*`, `sessions.*`…), so `$t` calls do not know about the split.
// `en` is typed with zh-CN's shape: a key missing in English fails the type check.
// (The kiosk has its own small tree in features/kiosk/locales, loaded only by kiosk.html.)
import appEn from './locales/en'
import appZh from './locales/zh-CN'
import errorsEn from './locales/errors/en'
import errorsZh from './locales/errors/zh-CN'
import adminEn from '@/features/admin/locales/en'
import adminZh from '@/features/admin/locales/zh-CN'
import caseworkEn from '@/features/casework/locales/en'
import caseworkZh from '@/features/casework/locales/zh-CN'
import mailboxEn from '@/features/mailbox/locales/en'
import mailboxZh from '@/features/mailbox/locales/zh-CN'
import notesEn from '@/features/notes/locales/en'
import notesZh from '@/features/notes/locales/zh-CN'
import rosterEn from '@/features/roster/locales/en'
import rosterZh from '@/features/roster/locales/zh-CN'
import screeningEn from '@/features/screening/locales/en'
import screeningZh from '@/features/screening/locales/zh-CN'

/** Each part's strings, by language: what tests/locales.test.ts checks part by part. */
export const parts = {
  app: { 'zh-CN': appZh, en: appEn },
  errors: { 'zh-CN': errorsZh, en: errorsEn },
  admin: { 'zh-CN': adminZh, en: adminEn },
  roster: { 'zh-CN': rosterZh, en: rosterEn },
  casework: { 'zh-CN': caseworkZh, en: caseworkEn },
  screening: { 'zh-CN': screeningZh, en: screeningEn },
  notes: { 'zh-CN': notesZh, en: notesEn },
  mailbox: { 'zh-CN': mailboxZh, en: mailboxEn },
} as const

/** Simplified Chinese, the default language: every string the workbench shows. */
export const zhCN = {
  ...appZh,
  ...errorsZh,
  ...adminZh,
  ...rosterZh,
  ...caseworkZh,
  ...screeningZh,
  ...notesZh,
  ...mailboxZh,
}

export type MessageSchema = typeof zhCN

/** English, the second language: the same keys, every one translated. */
export const en: MessageSchema = {
  ...appEn,
  ...errorsEn,
  ...adminEn,
  ...rosterEn,
  ...caseworkEn,
  ...screeningEn,
  ...notesEn,
  ...mailboxEn,
}
