// The front end's only door to the backend: `api` forwards to the current Backend
// (Tauri IPC by default); tests swap it with `setBackend()`.
// Every rejection comes out as an AppError; one with code `locked` also tells the
// `onLocked` listeners, so the app can show the lock screen whichever page asked.
import type { Backend } from './backend'
import { toAppError } from './errors'
import { tauriBackend } from './tauri'

export type { Backend } from './backend'
export type { AccountInfo } from './bindings/AccountInfo'
export type { AccountStatus } from './bindings/AccountStatus'
export type { Addendum } from './bindings/Addendum'
export type { AddUserInput } from './bindings/AddUserInput'
export type { AppInfo } from './bindings/AppInfo'
export type { Band } from './bindings/Band'
export type { BrokenRecord } from './bindings/BrokenRecord'
export type { CallerType } from './bindings/CallerType'
export type { Campaign } from './bindings/Campaign'
export type { CampaignInput } from './bindings/CampaignInput'
export type { CampaignSummary } from './bindings/CampaignSummary'
export type { CaseEvent } from './bindings/CaseEvent'
export type { CellError } from './bindings/CellError'
export type { ChangePassphraseInput } from './bindings/ChangePassphraseInput'
export type { ColumnGuess } from './bindings/ColumnGuess'
export type { ColumnMapping } from './bindings/ColumnMapping'
export type { CommandError } from './bindings/CommandError'
export type { ConcernLevel } from './bindings/ConcernLevel'
export type { ConsentNotice } from './bindings/ConsentNotice'
export type { ContactMode } from './bindings/ContactMode'
export type { CrisisInput } from './bindings/CrisisInput'
export type { CrisisNotification } from './bindings/CrisisNotification'
export type { CrisisParty } from './bindings/CrisisParty'
export type { CriticalHit } from './bindings/CriticalHit'
export type { CriticalRule } from './bindings/CriticalRule'
export type { Dashboard } from './bindings/Dashboard'
export type { EventRecord } from './bindings/EventRecord'
export type { FeedbackInput } from './bindings/FeedbackInput'
export type { FileDetail } from './bindings/FileDetail'
export type { FileFilter } from './bindings/FileFilter'
export type { FileListItem } from './bindings/FileListItem'
export type { FileNarrative } from './bindings/FileNarrative'
export type { FileSource } from './bindings/FileSource'
export type { FileStatus } from './bindings/FileStatus'
export type { FileSummary } from './bindings/FileSummary'
export type { FollowUpInput } from './bindings/FollowUpInput'
export type { FollowUpMode } from './bindings/FollowUpMode'
export type { Gender } from './bindings/Gender'
export type { GradeBands } from './bindings/GradeBands'
export type { Guardian } from './bindings/Guardian'
export type { HomeVisitInput } from './bindings/HomeVisitInput'
export type { ImportSummary } from './bindings/ImportSummary'
export type { Instrument } from './bindings/Instrument'
export type { Item } from './bindings/Item'
export type { KioskInfo } from './bindings/KioskInfo'
export type { KioskReceipt } from './bindings/KioskReceipt'
export type { KioskReply } from './bindings/KioskReply'
export type { LetterSource } from './bindings/LetterSource'
export type { LetterStatus } from './bindings/LetterStatus'
export type { LetterSummary } from './bindings/LetterSummary'
export type { LetterView } from './bindings/LetterView'
export type { LevelCount } from './bindings/LevelCount'
export type { LevelDef } from './bindings/LevelDef'
export type { LevelFigure } from './bindings/LevelFigure'
export type { LogEntry } from './bindings/LogEntry'
export type { NoteStatus } from './bindings/NoteStatus'
export type { OpenFileInput } from './bindings/OpenFileInput'
export type { PaperLetterInput } from './bindings/PaperLetterInput'
export type { ParentContactInput } from './bindings/ParentContactInput'
export type { ParentNotification } from './bindings/ParentNotification'
export type { ParentResponse } from './bindings/ParentResponse'
export type { PlanInput } from './bindings/PlanInput'
export type { PlanMeasure } from './bindings/PlanMeasure'
export type { PostedReply } from './bindings/PostedReply'
export type { RecoverInput } from './bindings/RecoverInput'
export type { ReferralInput } from './bindings/ReferralInput'
export type { RekeyProgress } from './bindings/RekeyProgress'
export type { ResponseOption } from './bindings/ResponseOption'
export type { ResultSource } from './bindings/ResultSource'
export type { ReturnAssessmentInput } from './bindings/ReturnAssessmentInput'
export type { ReturnDecision } from './bindings/ReturnDecision'
export type { ReviewDecision } from './bindings/ReviewDecision'
export type { ReviewEntry } from './bindings/ReviewEntry'
export type { ReviewList } from './bindings/ReviewList'
export type { ReviewOutcome } from './bindings/ReviewOutcome'
export type { RiskAnswer } from './bindings/RiskAnswer'
export type { Role } from './bindings/Role'
export type { RolloverSummary } from './bindings/RolloverSummary'
export type { RosterField } from './bindings/RosterField'
export type { RosterImportInput } from './bindings/RosterImportInput'
export type { RosterPreview } from './bindings/RosterPreview'
export type { RosterRow } from './bindings/RosterRow'
export type { RosterUpload } from './bindings/RosterUpload'
export type { Score } from './bindings/Score'
export type { ScreeningImportSummary } from './bindings/ScreeningImportSummary'
export type { ScreeningResult } from './bindings/ScreeningResult'
export type { SessionInput } from './bindings/SessionInput'
export type { SessionNote } from './bindings/SessionNote'
export type { SessionView } from './bindings/SessionView'
export type { SetupInput } from './bindings/SetupInput'
export type { SetupResult } from './bindings/SetupResult'
export type { Student } from './bindings/Student'
export type { StudentInput } from './bindings/StudentInput'
export type { StudentPage } from './bindings/StudentPage'
export type { StudentScreening } from './bindings/StudentScreening'
export type { StudentStatus } from './bindings/StudentStatus'
export type { Subscale } from './bindings/Subscale'
export type { SupportPlan } from './bindings/SupportPlan'
export type { ThreadMessage } from './bindings/ThreadMessage'
export type { UnlockInput } from './bindings/UnlockInput'
export type { UnmatchedRow } from './bindings/UnmatchedRow'
export type { UserSummary } from './bindings/UserSummary'
export type { Validity } from './bindings/Validity'
export type { VaultStatus } from './bindings/VaultStatus'
export type { VerifyReport } from './bindings/VerifyReport'
export type { WorkLogEntry } from './bindings/WorkLogEntry'
export type { WorkLogRecord } from './bindings/WorkLogRecord'
export type { WorkStats } from './bindings/WorkStats'
export { AppError, cellText, errorText, instrumentProblemText, problemText, toAppError } from './errors'

let current: Backend = tauriBackend

/** Use `backend` for every later `api` call; returns the one it replaces. */
export function setBackend(backend: Backend): Backend {
  const previous = current
  current = backend
  return previous
}

/** Back to the Tauri backend. */
export function resetBackend(): void {
  current = tauriBackend
}

const lockedListeners = new Set<() => void>()

/** Call `listener` whenever a command fails because the vault is locked; returns the unsubscribe. */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener)
  return () => lockedListeners.delete(listener)
}

function failed(e: unknown): never {
  const err = toAppError(e)
  if (err.code === 'locked') {
    for (const listener of lockedListeners) listener()
  }
  throw err
}

export const api: Backend = new Proxy({} as Backend, {
  get(_target, method) {
    const value: unknown = Reflect.get(current, method)
    if (typeof value !== 'function') return value
    return (...args: unknown[]): unknown => {
      let result: unknown
      try {
        result = (value as (...a: unknown[]) => unknown).apply(current, args)
      } catch (e) {
        failed(e)
      }
      return result instanceof Promise ? result.catch(failed) : result
    }
  },
})
