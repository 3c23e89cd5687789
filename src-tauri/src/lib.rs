//! The 心语 desktop shell: builds the Tauri app around thin commands over `xinyu-core`.
//! No business logic lives here; see `commands.rs` for the IPC surface.

mod commands;
mod vault_dir;

use tauri::Manager;

/// Build and run the desktop app until its last window closes.
pub fn run() {
    let vault = vault_dir::from_args_and_env(std::env::args_os(), std::env::var_os("XINYU_VAULT"));
    // One window per vault: a second start on the same vault focuses the running window, while
    // a second vault (a demo, a test) may run beside it.
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(vault_dir::instance_id(vault.as_deref()))
        .callback(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        })
        .build();
    let result = tauri::Builder::default()
        .plugin(single_instance)
        .invoke_handler(tauri::generate_handler![commands::app_info])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "desktop app failed to start");
        // The shell is a binary: failing to start the window is the end of the process.
        std::process::exit(1);
    }
}
