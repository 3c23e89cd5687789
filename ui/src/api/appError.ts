// AppError and the reading of backend messages, with no i18n attached: the workbench's
// errors.ts and the kiosk's own API module both build on this one file.
import type { CommandError } from './bindings/CommandError'

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

/** Han characters: how a Chinese part of a backend message is recognised. */
const HAN = /[\u3400-\u9fff]/

/**
 * The backend writes its messages as `中文 (English)`. In Chinese the English echo is dropped,
 * so a teacher reads one sentence; anything else (or in English) is shown whole.
 */
export function localizedMessage(message: string, locale: string): string {
  const text = message.trim()
  if (locale !== 'zh-CN' || !text.endsWith(')')) return text
  // Walk back from the final `)` to the `(` that opens it (the echo may hold parentheses too).
  let depth = 0
  let open = -1
  for (let i = text.length - 1; i >= 0; i -= 1) {
    if (text[i] === ')') depth += 1
    else if (text[i] === '(') depth -= 1
    if (depth === 0) {
      open = i
      break
    }
  }
  if (open <= 0) return text
  const chinese = text.slice(0, open).trimEnd()
  const echo = text.slice(open + 1, -1)
  return HAN.test(chinese) && /[A-Za-z]{2}/.test(echo) ? chinese : text
}
