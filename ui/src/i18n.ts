// Kept at this address for ui/src/api/errors.ts, which imports `@/i18n` (src/api/ belongs to
// the API work; point it at `@/app/i18n` there, then remove this file). Everything else imports
// `@/app/i18n`.
export * from './app/i18n'
