//! The whisper mailbox kiosk: a window of its own (`kiosk.html`, capability `kiosk-window`)
//! that can write letters and read replies with a pickup code, and nothing else. Started with
//! `xinyu-desktop --kiosk`, or from the workbench's settings until a counselor unlocks.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};
use xinyu_core::{CommandError, Error};

/// The kiosk window's label (its capability names it).
pub const LABEL: &str = "kiosk";
/// The workbench window's label.
pub const MAIN: &str = "main";

/// Whether the command line asks for the kiosk (`--kiosk`).
pub fn requested(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    args.into_iter().skip(1).any(|a| a == "--kiosk")
}

/// Open the kiosk window full screen and hide the workbench.
pub fn open(app: &AppHandle) -> tauri::Result<()> {
    if let Some(main) = app.get_webview_window(MAIN) {
        main.hide()?;
    }
    if let Some(kiosk) = app.get_webview_window(LABEL) {
        return kiosk.set_focus();
    }
    WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("kiosk.html".into()))
        .title("心语 · 悄悄话信箱")
        .inner_size(1366.0, 768.0)
        .fullscreen(true)
        .build()?;
    Ok(())
}

/// Show (or create) the workbench, reloaded so it reads the unlocked state, and close the
/// kiosk.
pub fn close(app: &AppHandle) -> tauri::Result<()> {
    match app.get_webview_window(MAIN) {
        Some(main) => {
            main.reload()?;
            main.show()?;
            main.set_focus()?;
        }
        None => open_main(app)?,
    }
    if let Some(kiosk) = app.get_webview_window(LABEL) {
        kiosk.close()?;
    }
    Ok(())
}

/// Create the workbench window from its configuration (it is not created at start-up, so a
/// kiosk start never loads it).
pub fn open_main(app: &AppHandle) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned();
    match config {
        Some(config) => WebviewWindowBuilder::from_config(app, &config)?
            .build()
            .map(|_| ()),
        None => Err(tauri::Error::WindowNotFound),
    }
}

/// A window failure as the UI sees errors.
pub fn window_error(e: tauri::Error) -> CommandError {
    Error::Internal {
        detail: format!("window: {e}"),
    }
    .into()
}
