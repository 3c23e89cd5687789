// The one interface through which the screens reach the Rust backend: one method per command.
// `tauri.ts` implements it with `invoke`; tests plug in a mock with `setBackend()`.
import type { AddUserInput } from './bindings/AddUserInput'
import type { AppInfo } from './bindings/AppInfo'
import type { ChangePassphraseInput } from './bindings/ChangePassphraseInput'
import type { ImportSummary } from './bindings/ImportSummary'
import type { LogEntry } from './bindings/LogEntry'
import type { RecoverInput } from './bindings/RecoverInput'
import type { RosterImportInput } from './bindings/RosterImportInput'
import type { RosterPreview } from './bindings/RosterPreview'
import type { RosterUpload } from './bindings/RosterUpload'
import type { SetupInput } from './bindings/SetupInput'
import type { SetupResult } from './bindings/SetupResult'
import type { Student } from './bindings/Student'
import type { StudentInput } from './bindings/StudentInput'
import type { UnlockInput } from './bindings/UnlockInput'
import type { UserSummary } from './bindings/UserSummary'
import type { VaultStatus } from './bindings/VaultStatus'
import type { VerifyReport } from './bindings/VerifyReport'

export interface Backend {
  /** Command `app_info`: the product name and the versions of this build. */
  appInfo(): Promise<AppInfo>

  /** Command `vault_status`: set up or not, the school, the accounts, who is unlocked. */
  vaultStatus(): Promise<VaultStatus>
  /** Command `setup_vault`: create the vault and its first counselor (takes seconds: Argon2id calibration). */
  setupVault(input: SetupInput): Promise<SetupResult>
  /** Command `unlock`: derive the user's keys from the passphrase. */
  unlock(input: UnlockInput): Promise<UserSummary>
  /** Command `lock`: drop the keys. */
  lock(): Promise<void>
  /** Command `keep_alive`: someone is at the PC, so the backend's idle lock starts over. */
  keepAlive(): Promise<boolean>
  /** Command `recover`: reset a forgotten passphrase with the recovery code. */
  recover(input: RecoverInput): Promise<void>
  /** Command `set_idle_lock`: minutes of inactivity before the vault locks itself (0: never). */
  setIdleLock(minutes: number): Promise<void>

  /** Command `list_users`: the staff accounts. */
  listUsers(): Promise<UserSummary[]>
  /** Command `add_user`: a new staff account. */
  addUser(input: AddUserInput): Promise<UserSummary>
  /** Command `change_passphrase`: the unlocked user's own passphrase. */
  changePassphrase(input: ChangePassphraseInput): Promise<void>

  /** Command `access_log`: the newest `limit` entries, newest first. */
  accessLog(limit: number): Promise<LogEntry[]>
  /** Command `verify_vault`: database, records this role can open, and the access-log chain. */
  verifyVault(): Promise<VerifyReport>

  /** Command `list_students`: every student this role may see. */
  listStudents(): Promise<Student[]>
  /** Command `add_student`: a new student (counselor only). */
  addStudent(input: StudentInput): Promise<Student>
  /** Command `search_students`: students matching name, 学号, class or pinyin, best first, at most `limit`. */
  searchStudents(query: string, limit: number): Promise<Student[]>
  /** Command `preview_roster`: read a roster file (header, column guesses, rows); nothing is written. */
  previewRoster(input: RosterUpload): Promise<RosterPreview>
  /** Command `import_roster`: import (or with `dry_run` only check) a roster, all or nothing. */
  importRoster(input: RosterImportInput): Promise<ImportSummary>
}
