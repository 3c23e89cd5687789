// AppError and the reading of backend rejections, with no i18n attached: the workbench's
// errors.ts and the kiosk's own API module both build on this one file. The backend sends a
// stable code and typed details (bindings/ErrorDetails.ts); its `message` is the CLI's text,
// kept for logs and never parsed or shown for a known code.
import type { CommandError } from './bindings/CommandError'
import type { ErrorDetails } from './bindings/ErrorDetails'

export class AppError extends Error {
  readonly code: string
  readonly details: ErrorDetails

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
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
  if (isCommandError(e)) {
    const details = typeof e.details === 'object' && e.details !== null ? e.details : {}
    return new AppError(e.code, e.message, details)
  }
  if (e instanceof Error) return new AppError('unknown', e.message)
  return new AppError('unknown', String(e))
}
