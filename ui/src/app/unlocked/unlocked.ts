// Which screen the app shows — set-up wizard, lock screen or the workbench — and who is unlocked.
// One state for the whole app. Any command that fails with `locked` brings the lock screen back.
// Once unlocked, the status also says whether the user must first set their own passphrase (a
// new account) and whether their account still waits for a counselor's approval (no keys yet).
import { computed, reactive, readonly } from 'vue'
import { api, errorText, onLocked, type UserSummary, type VaultStatus } from '@/api'

/** What the gate shows: still asking, could not ask, set-up wizard, lock screen, or the shell. */
export type Phase = 'loading' | 'error' | 'setup' | 'locked' | 'unlocked'

/** Why the lock screen is showing, so it can say so (idle: locked by the inactivity timer). */
export type LockReason = 'start' | 'manual' | 'idle' | 'expired'

/** The backend's default, used only if the status cannot be read right after set-up. */
const DEFAULT_IDLE_LOCK_MINUTES = 10

interface UnlockedState {
  phase: Phase
  status: VaultStatus | null
  user: UserSummary | null
  lockReason: LockReason
  error: string | null
  /** Who was unlocked last: preselected on the lock screen when the same teacher comes back. */
  lastUserName: string | null
}

const state = reactive<UnlockedState>({
  phase: 'loading',
  status: null,
  user: null,
  lockReason: 'start',
  error: null,
  lastUserName: null,
})

/** Ask the backend where we are (`vault_status`) and show the matching screen. */
export async function refresh(): Promise<void> {
  state.phase = 'loading'
  state.error = null
  try {
    const status = await api.vaultStatus()
    state.status = status
    state.user = status.current_user
    if (status.current_user) state.lastUserName = status.current_user.name
    if (!status.initialized) state.phase = 'setup'
    else if (status.current_user) state.phase = 'unlocked'
    else {
      state.lockReason = 'start'
      state.phase = 'locked'
    }
  } catch (e) {
    state.error = errorText(e)
    state.phase = 'error'
  }
}

/** Re-read the accounts and school for the lock screen, without leaving it. */
async function refreshForLockScreen(): Promise<void> {
  try {
    const status = await api.vaultStatus()
    if (state.phase === 'locked') state.status = { ...status, current_user: null }
  } catch {
    // The lock screen still has the last list of accounts; unlocking will say what is wrong.
  }
}

/** Show the lock screen (the backend is, or is about to be, locked). */
export function showLockScreen(reason: LockReason): void {
  if (state.phase !== 'unlocked') return
  state.user = null
  if (state.status) state.status = { ...state.status, current_user: null }
  state.lockReason = reason
  state.phase = 'locked'
  void refreshForLockScreen()
}

/** Lock now (the 锁定 button, or the idle timer): drop the keys, then show the lock screen. */
export async function lockNow(reason: 'manual' | 'idle' = 'manual'): Promise<void> {
  try {
    await api.lock()
  } catch {
    // Even if the backend could not be told, nothing more is shown until someone unlocks.
  }
  showLockScreen(reason)
}

/**
 * The user unlocked: read the status again (must they set their own passphrase first? does
 * their account still wait for approval?), then show the workbench.
 */
export async function enter(user: UserSummary): Promise<void> {
  try {
    state.status = { ...(await api.vaultStatus()), current_user: user }
  } catch {
    // The backend still refuses what this account may not do; the shell can open.
    if (state.status) state.status = { ...state.status, current_user: user }
  }
  showWorkbench(user)
}

function showWorkbench(user: UserSummary): void {
  state.user = user
  state.lastUserName = user.name
  state.phase = 'unlocked'
}

/** Read the status again while unlocked (after the user set their own passphrase, say). */
export async function reloadStatus(): Promise<void> {
  try {
    const status = await api.vaultStatus()
    if (state.phase === 'unlocked' && status.current_user) state.status = status
  } catch {
    // Keep what we had; the next command's error says what is wrong.
  }
}

/** Set-up finished and the first counselor is unlocked: read the new status, then the workbench. */
export async function enterAfterSetup(user: UserSummary, schoolName: string): Promise<void> {
  try {
    state.status = await api.vaultStatus()
  } catch {
    state.status = {
      initialized: true,
      school_name: schoolName,
      users: [user],
      current_user: user,
      idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
      must_set_passphrase: false,
      awaiting_approval: false,
      unreadable_records: 0,
    }
  }
  showWorkbench(user)
}

/** Remember a new idle-lock time after `set_idle_lock` succeeded. */
export function setIdleMinutes(minutes: number): void {
  if (state.status) state.status = { ...state.status, idle_lock_minutes: minutes }
}

/** Back to the state at start (tests). */
export function resetUnlocked(): void {
  state.phase = 'loading'
  state.status = null
  state.user = null
  state.lockReason = 'start'
  state.error = null
  state.lastUserName = null
}

onLocked(() => showLockScreen('expired'))

const view = readonly(state)
const role = computed(() => state.user?.role ?? null)
const idleMinutes = computed(() => state.status?.idle_lock_minutes ?? 0)
const schoolName = computed(() => state.status?.school_name ?? null)
/** The unlocked user still has the passphrase their account's creator chose. */
const mustSetPassphrase = computed(() => state.phase === 'unlocked' && (state.status?.must_set_passphrase ?? false))
/** The unlocked user's account waits for a counselor's approval: it holds no key yet. */
const awaitingApproval = computed(() => state.phase === 'unlocked' && (state.status?.awaiting_approval ?? false))

export function useUnlocked() {
  return { state: view, role, idleMinutes, schoolName, mustSetPassphrase, awaitingApproval }
}
