//! The 心语 desktop shell: builds the Tauri app around thin commands over `xinyu-core`.
//! No business logic lives here. The IPC surface is declared once, in `commands.list`; the
//! commands themselves are in `commands/`.

#[cfg(test)]
mod command_list;
mod commands;
mod kiosk;
mod state;
mod vault_dir;

use tauri::Manager;

/// Build and run the desktop app until its last window closes.
pub fn run() {
    let vault = vault_dir::from_args_and_env(std::env::args_os(), std::env::var_os("XINYU_VAULT"));
    let kiosk_mode = kiosk::requested(std::env::args_os());
    // One window per vault: a second start on the same vault focuses the running window, while
    // a second vault (a demo, a test) may run beside it.
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(vault_dir::instance_id(vault.as_deref()))
        .callback(|app, _args, _cwd| {
            let window = app
                .get_webview_window(kiosk::LABEL)
                .or_else(|| app.get_webview_window(kiosk::MAIN));
            if let Some(window) = window {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        })
        .build();
    let result = tauri::Builder::default()
        .plugin(single_instance)
        .setup(move |app| {
            let dir = match vault {
                Some(dir) => dir,
                None => app.path().app_data_dir()?.join("vault"),
            };
            app.manage(state::AppState::new(dir));
            if kiosk_mode {
                kiosk::open(app.handle())?;
            } else {
                kiosk::open_main(app.handle())?;
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "desktop app failed to start");
        // The shell is a binary: failing to start the window is the end of the process.
        std::process::exit(1);
    }
}
