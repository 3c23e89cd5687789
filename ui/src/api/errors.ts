// errorText() turns any caught value into plain Chinese (or English) that says what to do next.
// The backend's error is a code with typed details (which field, what is wrong, which deed,
// which kind of record); every word comes from the locale files in app/locales/errors, never
// from the backend's message. AppError itself is in appError.ts, shared with the kiosk.
import { i18n } from '@/app/i18n'
import type { CellError } from './bindings/CellError'
import type { ErrorDetails } from './bindings/ErrorDetails'
import type { InstrumentProblem } from './bindings/InstrumentProblem'
import type { Problem } from './bindings/Problem'
import type { RosterError } from './bindings/RosterError'
import type { RosterField } from './bindings/RosterField'
import { toAppError } from './appError'

export { AppError, toAppError } from './appError'

type Params = Record<string, string | number>

function word(key: string, params: Params = {}): string {
  return i18n.global.t(key, params)
}

/** A roster field's name as the import dialog labels it. */
function rosterField(field: RosterField): string {
  return word(`roster.fields.${field}`)
}

/** Why a file could not be read. */
function fileText(e: RosterError): string {
  const params: Params = 'params' in e ? { ...e.params } : {}
  if (e.code === 'missing_column' || e.code === 'duplicate_column') {
    params.field = rosterField(e.params.field)
  }
  return word(`errors.files.${e.code}`, params)
}

/** One problem with an instrument definition. */
export function instrumentProblemText(p: InstrumentProblem): string {
  return word(`errors.instrument.${p.code}`, 'params' in p ? p.params : {})
}

/** What is wrong with a field. */
export function problemText(p: Problem): string {
  switch (p.code) {
    case 'file':
      return word('errors.problems.file', { file: fileText(p.params) })
    case 'definition':
      return word('errors.problems.definition', {
        problems: p.params.problems.map(instrumentProblemText).join(word('errors.separator')),
      })
    default:
      return word(`errors.problems.${p.code}`, 'params' in p ? p.params : {})
  }
}

/** One refused cell of an imported file, without its row and column (the dialogs add them). */
export function cellText(e: CellError): string {
  const p = e.problem
  if (p.code === 'missing') return word('errors.cells.missing', { field: rosterField(p.params.field) })
  return word(`errors.cells.${p.code}`, 'params' in p ? p.params : {})
}

/** The words for an error's details, as the parameters of its code's text. */
function detailParams(d: ErrorDetails): Params {
  const params: Params = {}
  if (d.field) params.field = word(`errors.fields.${d.field}`)
  if (d.problem) params.problem = problemText(d.problem)
  if (d.role) params.role = word(`roles.${d.role}`)
  if (d.deed) params.deed = word(`errors.deeds.${d.deed}`)
  if (d.kind) params.kind = word(`errors.kinds.${d.kind}`)
  if (d.existing) {
    const e = d.existing
    params.existing = word(`errors.existing.${e.code}`, 'params' in e ? e.params : {})
  }
  if (d.seconds !== undefined) params.seconds = d.seconds
  if (d.min !== undefined) params.min = d.min
  if (d.id !== undefined) params.id = d.id
  return params
}

/** The details each code's text needs; without them the generic sentence is used. */
const NEEDS: Partial<Record<string, keyof ErrorDetails>> = {
  invalid: 'problem',
  forbidden: 'deed',
  not_found: 'kind',
  duplicate: 'existing',
  too_many_attempts: 'seconds',
  weak_passphrase: 'min',
}

/** Text for the screen: the localized text of a known code, else a generic sentence. */
export function errorText(e: unknown): string {
  const err = toAppError(e)
  const { t, te } = i18n.global
  const key = `errors.codes.${err.code}`
  const needs = NEEDS[err.code]
  if (te(key) && (needs === undefined || err.details[needs] !== undefined)) {
    return t(key, detailParams(err.details))
  }
  return t('errors.generic', { message: err.message })
}
