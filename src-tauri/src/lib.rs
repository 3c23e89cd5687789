//! The 心语 desktop shell: builds the Tauri app around thin commands over `xinyu-core`.
//! No business logic lives here; see `commands.rs` for the IPC surface.

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
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::vault_status,
            commands::setup_vault,
            commands::unlock,
            commands::lock,
            commands::keep_alive,
            commands::list_users,
            commands::add_user,
            commands::change_passphrase,
            commands::recover,
            commands::access_log,
            commands::verify_vault,
            commands::set_idle_lock,
            commands::add_student,
            commands::list_students,
            commands::search_students,
            commands::preview_roster,
            commands::import_roster,
            commands::get_levels,
            commands::save_levels,
            commands::get_categories,
            commands::save_categories,
            commands::open_warning_file,
            commands::list_warning_files,
            commands::get_warning_file,
            commands::add_follow_up,
            commands::change_level,
            commands::set_file_status,
            commands::record_referral,
            commands::record_referral_feedback,
            commands::record_return_assessment,
            commands::record_parent_contact,
            commands::record_home_visit,
            commands::record_crisis,
            commands::share_file,
            commands::get_dashboard,
            commands::get_student_page,
            commands::save_support_plan,
            commands::create_session,
            commands::update_session,
            commands::sign_session,
            commands::add_addendum,
            commands::get_session,
            commands::list_sessions,
            commands::add_work_log,
            commands::list_work_log,
            commands::get_work_stats,
            commands::mailbox_inbox,
            commands::read_letter,
            commands::reply_letter,
            commands::add_paper_letter,
            commands::update_letter,
            commands::link_letter,
            commands::get_crisis_terms,
            commands::save_crisis_terms,
            commands::enter_kiosk,
            commands::roll_over_school_year,
            commands::set_student_status,
            commands::list_instruments,
            commands::add_instrument,
            commands::list_campaigns,
            commands::create_campaign,
            commands::set_consent,
            commands::set_review_threshold,
            commands::import_screening,
            commands::get_review_list,
            commands::decide_review,
            commands::open_file_from_screening,
            commands::get_campaign_summary,
            commands::share_session,
            commands::kiosk_info,
            commands::kiosk_submit,
            commands::kiosk_replies,
            commands::leave_kiosk,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "desktop app failed to start");
        // The shell is a binary: failing to start the window is the end of the process.
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The names between quotes in the `const NAME` list of build.rs.
    fn listed(build: &str, name: &str) -> Vec<String> {
        let start = build
            .find(&format!("const {name}"))
            .expect("list in build.rs");
        let end = build[start..].find("];").expect("end of list") + start;
        build[start..end]
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    fn granted(capability: &str) -> Vec<String> {
        let caps: serde_json::Value = serde_json::from_str(capability).expect("json");
        let mut granted: Vec<String> = caps["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect();
        granted.sort();
        granted
    }

    fn permissions(commands: &[String]) -> Vec<String> {
        let mut p: Vec<String> = commands
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        p.sort();
        p
    }

    /// The lists of commands (build.rs, the handler, each window's capability) must agree, or
    /// the UI meets "not allowed" at run time; and the kiosk window is granted its own few
    /// commands and none of the workbench's.
    #[test]
    fn each_window_is_granted_exactly_its_declared_commands() {
        let build = include_str!("../build.rs");
        let main = listed(build, "COMMANDS");
        let kiosk = listed(build, "KIOSK_COMMANDS");
        assert_eq!(
            granted(include_str!("../capabilities/main.json")),
            permissions(&main)
        );
        assert_eq!(
            granted(include_str!("../capabilities/kiosk.json")),
            permissions(&kiosk)
        );
        assert!(
            kiosk.iter().all(|k| !main.contains(k)),
            "the workbench does not get kiosk commands, nor the kiosk the workbench's"
        );
        for forbidden in ["unlock", "list_students", "mailbox_inbox", "read_letter"] {
            assert!(!kiosk.iter().any(|k| k == forbidden), "{forbidden}");
        }
        let lib = include_str!("lib.rs");
        for command in main.iter().chain(&kiosk) {
            assert!(
                lib.contains(&format!("commands::{command},")),
                "{command} is declared but not in the invoke handler"
            );
        }
    }
}
