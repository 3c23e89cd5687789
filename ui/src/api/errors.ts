// AppError: the `{code, message}` a command rejects with, as an Error the UI can throw and catch.
// errorText() turns any caught value into plain Chinese (or English) that says what to do next.
import type { CommandError } from './bindings/CommandError'
import { i18n } from '@/i18n'

export class AppError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
  }
}

function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as Record<string, unknown>).code === 'string' &&
    typeof (e as Record<string, unknown>).message === 'string'
  )
}

/** Whatever was thrown or rejected, as an AppError (code `unknown` when it had no code). */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e
  if (isCommandError(e)) return new AppError(e.code, e.message)
  if (e instanceof Error) return new AppError('unknown', e.message)
  return new AppError('unknown', String(e))
}

/** Text for the screen: the localized text of a known code, else a generic sentence with the message. */
export function errorText(e: unknown): string {
  const err = toAppError(e)
  const { t, te } = i18n.global
  const key = `errors.codes.${err.code}`
  if (te(key)) return t(key, { message: err.message })
  return t('errors.generic', { message: err.message })
}
