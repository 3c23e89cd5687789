//! The vault itself: status, set-up, unlock and lock, keep-alive, staff accounts, passphrases
//! and recovery, the access log, the integrity check, the idle lock and the about page.

use std::time::Duration;

use tauri::State;
use xinyu_core::vault::{
    AccountInfo, AddUserInput, ChangePassphraseInput, LogEntry, RecoverInput, RekeyProgress,
    SetupInput, SetupResult, UnlockInput, UserSummary, VaultStatus, VerifyReport,
};
use xinyu_core::{AppInfo, CommandError, KdfParams, NewVault, Vault};

use super::Res;
use crate::state::AppState;

/// The product name and the versions of this build, for the about page.
#[tauri::command]
pub fn app_info() -> Res<AppInfo> {
    Ok(xinyu_core::app_info())
}

/// Which screen to show: set-up, lock screen or workbench.
#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Res<VaultStatus> {
    state.status()
}

/// Create the vault with its first counselor; returns the recovery code, shown once.
#[tauri::command]
pub async fn setup_vault(state: State<'_, AppState>, input: SetupInput) -> Res<SetupResult> {
    let kdf = kdf_for_setup();
    let (vault, code) = Vault::create(
        state.dir(),
        NewVault {
            school_name: &input.school_name,
            user_name: &input.user_name,
            passphrase: &input.passphrase,
            kdf,
        },
    )?;
    let user = vault
        .status()?
        .current_user
        .ok_or_else(|| CommandError::from(xinyu_core::Error::Locked))?;
    state.install(vault)?;
    Ok(SetupResult {
        recovery_code: code.to_string(),
        user,
    })
}

/// Argon2id parameters for a new vault: calibrated on this PC (about 0.75 s per unlock), or
/// the minimum (64 MiB, t=1) when `XINYU_KDF=minimum`, as the end-to-end tests set.
fn kdf_for_setup() -> KdfParams {
    if std::env::var("XINYU_KDF").is_ok_and(|v| v == "minimum") {
        KdfParams::for_tests()
    } else {
        KdfParams::calibrate(Duration::from_millis(750))
    }
}

/// Unlock as a user.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, input: UnlockInput) -> Res<UserSummary> {
    state.with_vault(|v| v.unlock(&input.user_name, &input.passphrase))
}

/// Lock: drop every key.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Res<()> {
    state.with_vault(|v| v.lock())
}

/// Someone is at the PC: the idle lock starts over. Returns whether the vault is unlocked.
#[tauri::command]
pub async fn keep_alive(state: State<'_, AppState>) -> Res<bool> {
    state.with_vault(|v| Ok(v.is_unlocked()))
}

/// The accounts to choose from on the lock screen (no unlock needed).
#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Res<Vec<UserSummary>> {
    state.with_vault(|v| v.users())
}

/// Add a staff account.
#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, input: AddUserInput) -> Res<UserSummary> {
    state.with_vault(|v| {
        v.accounts()?
            .add_user(&input.name, input.role, &input.passphrase)
    })
}

/// Change the unlocked user's passphrase.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    input: ChangePassphraseInput,
) -> Res<()> {
    state.with_vault(|v| {
        v.accounts()?
            .change_passphrase(&input.old_passphrase, &input.new_passphrase)
    })
}

/// Every account with its status, creator and key fingerprint, for 用户管理 and for a user's
/// own fingerprint; a counselor also learns whether each is vouched for.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Res<Vec<AccountInfo>> {
    state.with_vault(|v| v.accounts()?.list())
}

/// Approve a pending account, or confirm an account's new key, with the fingerprint the
/// counselor compared with the user's own screen (counselor): its role's keys are granted.
#[tauri::command]
pub async fn approve_user(
    state: State<'_, AppState>,
    user_id: String,
    fingerprint: String,
) -> Res<AccountInfo> {
    state.with_vault(|v| v.accounts()?.approve(&user_id, &fingerprint))
}

/// Disable an account (counselor or admin): it can no longer unlock and loses its grants.
#[tauri::command]
pub async fn disable_user(state: State<'_, AppState>, user_id: String) -> Res<()> {
    state.with_vault(|v| v.accounts()?.disable(&user_id))
}

/// Enable a disabled account again (counselor or admin): active with its role's keys, or
/// pending a counselor's approval when its entry cannot be vouched for.
#[tauri::command]
pub async fn enable_user(state: State<'_, AppState>, user_id: String) -> Res<AccountInfo> {
    state.with_vault(|v| v.accounts()?.enable(&user_id))
}

/// Remove an account with its identity and grants (counselor).
#[tauri::command]
pub async fn remove_user(state: State<'_, AppState>, user_id: String) -> Res<()> {
    state.with_vault(|v| v.accounts()?.remove(&user_id))
}

/// Rotate every class key and re-seal every record (counselor): after an account was disabled
/// or removed, a copy of the file made before opens nothing new. With `batches`, stop after
/// that many batches of records, so the UI can show how far it got and call again (other
/// commands, the idle lock among them, get through in between); without, run to the end.
#[tauri::command]
pub async fn rekey(state: State<'_, AppState>, batches: Option<usize>) -> Res<RekeyProgress> {
    state.with_vault(|v| v.accounts()?.rekey_steps(batches.unwrap_or(usize::MAX)))
}

/// Reset a forgotten passphrase with the recovery code.
#[tauri::command]
pub async fn recover(state: State<'_, AppState>, input: RecoverInput) -> Res<()> {
    state.with_vault(|v| {
        v.recover(
            &input.user_name,
            &input.recovery_code,
            &input.new_passphrase,
        )
    })
}

/// The newest access-log entries.
#[tauri::command]
pub async fn access_log(state: State<'_, AppState>, limit: i64) -> Res<Vec<LogEntry>> {
    state.with_vault(|v| v.audit()?.access_log(limit))
}

/// The integrity check.
#[tauri::command]
pub async fn verify_vault(state: State<'_, AppState>) -> Res<VerifyReport> {
    state.with_vault(|v| v.audit()?.verify())
}

/// Set the idle lock in minutes (0: off).
#[tauri::command]
pub async fn set_idle_lock(state: State<'_, AppState>, minutes: u32) -> Res<()> {
    state.with_vault(|v| v.accounts()?.set_idle_lock_minutes(minutes))
}
