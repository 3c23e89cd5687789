//! The kiosk window's commands (window `kiosk` in `commands.list`): these and nothing else.
//! They work on a locked vault; leaving the kiosk takes a counselor's passphrase.

use tauri::State;
use xinyu_core::mailbox::{KioskInfo, KioskReceipt, KioskReply};
use xinyu_core::vault::UnlockInput;

use super::Res;
use crate::state::AppState;
use xinyu_core::error::Deed;

/// What the kiosk shows: the school and whether the mailbox is ready.
#[tauri::command]
pub async fn kiosk_info(state: State<'_, AppState>) -> Res<KioskInfo> {
    state.with_vault(|v| v.kiosk().info())
}

/// Send a letter (new thread, or the thread of `code`).
#[tauri::command]
pub async fn kiosk_submit(
    state: State<'_, AppState>,
    text: String,
    code: Option<String>,
) -> Res<KioskReceipt> {
    state.with_vault(|v| v.kiosk().submit(&text, code.as_deref()))
}

/// The replies to a pickup code (empty for a wrong code).
#[tauri::command]
pub async fn kiosk_replies(state: State<'_, AppState>, code: String) -> Res<Vec<KioskReply>> {
    state.with_vault(|v| v.kiosk().replies(&code))
}

/// Leave the kiosk: a counselor unlocks with their passphrase; the workbench comes back.
#[tauri::command]
pub async fn leave_kiosk(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: UnlockInput,
) -> Res<()> {
    state.with_vault(|v| {
        let user = v.unlock(&input.user_name, &input.passphrase)?;
        if user.role != xinyu_core::Role::Counselor {
            v.lock()?;
            return Err(xinyu_core::Error::Forbidden {
                role: user.role,
                deed: Deed::LeaveKiosk,
            });
        }
        Ok(())
    })?;
    crate::kiosk::close(&app).map_err(crate::kiosk::window_error)
}
