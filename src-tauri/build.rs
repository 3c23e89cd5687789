//! Declares the app's commands so each gets its own `allow-…` permission, which the
//! capabilities in `capabilities/` then grant per window.

/// Every command the shell registers; keep in step with `src/commands.rs`.
const COMMANDS: &[&str] = &[
    "app_info",
    "vault_status",
    "setup_vault",
    "unlock",
    "lock",
    "keep_alive",
    "list_users",
    "add_user",
    "change_passphrase",
    "recover",
    "access_log",
    "verify_vault",
    "set_idle_lock",
    "add_student",
    "list_students",
    "search_students",
    "preview_roster",
    "import_roster",
    "get_levels",
    "save_levels",
    "get_categories",
    "save_categories",
    "open_warning_file",
    "list_warning_files",
    "get_warning_file",
    "add_follow_up",
    "change_level",
    "set_file_status",
    "record_referral",
    "record_referral_feedback",
    "record_return_assessment",
    "record_parent_contact",
    "record_home_visit",
    "record_crisis",
    "share_file",
    "get_dashboard",
    "get_student_page",
    "save_support_plan",
    "create_session",
    "update_session",
    "sign_session",
    "add_addendum",
    "get_session",
    "list_sessions",
    "add_work_log",
    "list_work_log",
    "get_work_stats",
    "mailbox_inbox",
    "read_letter",
    "reply_letter",
    "add_paper_letter",
    "update_letter",
    "link_letter",
    "get_crisis_terms",
    "save_crisis_terms",
    "enter_kiosk",
    "roll_over_school_year",
    "set_student_status",
    "list_instruments",
    "add_instrument",
    "list_campaigns",
    "create_campaign",
    "set_consent",
    "set_review_threshold",
    "import_screening",
    "get_review_list",
    "decide_review",
    "open_file_from_screening",
    "get_campaign_summary",
    "share_session",
];

/// The kiosk window's commands: writing a letter and reading replies with a code, nothing else.
const KIOSK_COMMANDS: &[&str] = &["kiosk_info", "kiosk_submit", "kiosk_replies", "leave_kiosk"];

/// Both lists, as the manifest wants them ('static: leaked once, in a build script).
fn all_commands() -> &'static [&'static str] {
    Box::leak([COMMANDS, KIOSK_COMMANDS].concat().into_boxed_slice())
}

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(all_commands()));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; there is no caller to return to.
        panic!("tauri build script failed: {e:#}");
    }
}
