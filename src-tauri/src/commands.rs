//! The commands the UI may call: one-line delegations into `xinyu-core`.
//! Each is declared in `build.rs` and granted by name in `capabilities/`.

use xinyu_core::{AppInfo, CommandError};

/// The product name and the versions of this build, for the about page.
#[tauri::command]
pub fn app_info() -> Result<AppInfo, CommandError> {
    Ok(xinyu_core::app_info())
}
