// AppError (appError.ts): the `{code, message}` a command rejects with, as an Error the UI can throw and catch.
// errorText() turns any caught value into plain Chinese (or English) that says what to do next.
import { i18n } from '@/app/i18n'
import { localizedMessage, toAppError } from './appError'

export { AppError, localizedMessage, toAppError } from './appError'

/** Text for the screen: the localized text of a known code, else a generic sentence with the message. */
export function errorText(e: unknown): string {
  const err = toAppError(e)
  const { t, te, locale } = i18n.global
  const message = localizedMessage(err.message, locale.value)
  const key = `errors.codes.${err.code}`
  if (te(key)) return t(key, { message })
  return t('errors.generic', { message })
}
