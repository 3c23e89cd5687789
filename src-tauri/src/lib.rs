//! The 心语 desktop shell: builds the Tauri app around thin commands over `xinyu-core`.
//! No business logic lives here; see `commands/` for the IPC surface.

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
            commands::vault::app_info,
            commands::vault::vault_status,
            commands::vault::setup_vault,
            commands::vault::unlock,
            commands::vault::lock,
            commands::vault::keep_alive,
            commands::vault::list_users,
            commands::vault::add_user,
            commands::vault::change_passphrase,
            commands::vault::recover,
            commands::vault::access_log,
            commands::vault::verify_vault,
            commands::vault::set_idle_lock,
            commands::roster::add_student,
            commands::roster::list_students,
            commands::roster::search_students,
            commands::roster::preview_roster,
            commands::roster::import_roster,
            commands::casework::get_levels,
            commands::casework::save_levels,
            commands::casework::get_categories,
            commands::casework::save_categories,
            commands::casework::open_warning_file,
            commands::casework::list_warning_files,
            commands::casework::get_warning_file,
            commands::casework::add_follow_up,
            commands::casework::change_level,
            commands::casework::set_file_status,
            commands::casework::record_referral,
            commands::casework::record_referral_feedback,
            commands::casework::record_return_assessment,
            commands::casework::record_parent_contact,
            commands::casework::record_home_visit,
            commands::casework::record_crisis,
            commands::casework::share_file,
            commands::casework::get_dashboard,
            commands::casework::get_student_page,
            commands::casework::save_support_plan,
            commands::notes::create_session,
            commands::notes::update_session,
            commands::notes::sign_session,
            commands::notes::add_addendum,
            commands::notes::get_session,
            commands::notes::list_sessions,
            commands::notes::add_work_log,
            commands::notes::list_work_log,
            commands::notes::get_work_stats,
            commands::mailbox::mailbox_inbox,
            commands::mailbox::read_letter,
            commands::mailbox::reply_letter,
            commands::mailbox::add_paper_letter,
            commands::mailbox::update_letter,
            commands::mailbox::link_letter,
            commands::mailbox::get_crisis_terms,
            commands::mailbox::save_crisis_terms,
            commands::mailbox::enter_kiosk,
            commands::roster::roll_over_school_year,
            commands::roster::set_student_status,
            commands::screening::list_instruments,
            commands::screening::add_instrument,
            commands::screening::list_campaigns,
            commands::screening::create_campaign,
            commands::screening::set_consent,
            commands::screening::set_review_threshold,
            commands::screening::import_screening,
            commands::screening::get_review_list,
            commands::screening::decide_review,
            commands::screening::open_file_from_screening,
            commands::screening::get_campaign_summary,
            commands::notes::share_session,
            commands::kiosk::kiosk_info,
            commands::kiosk::kiosk_submit,
            commands::kiosk::kiosk_replies,
            commands::kiosk::leave_kiosk,
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
                lib.contains(&format!("::{command},")),
                "{command} is declared but not in the invoke handler"
            );
        }
    }
}
