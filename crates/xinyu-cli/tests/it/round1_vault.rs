//! A vault made by round 1's `xinyu` (commit 5b99a83, before the core was reorganised by
//! domain) opens, verifies and reads the same records today. The fixture in
//! `tests/fixtures/round1-vault/` holds that vault — 12 demo students, warning files with
//! follow-ups and a plan, a signed and a draft session note, a group session, a mailbox letter
//! with its reply, a screening campaign with three results, a principal's account — and what
//! round 1's binary printed for each listing (`expected/`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/round1-vault")
}

/// A fresh copy of the fixture's vault, so the runs below (which append to the access log)
/// never change the checked-in file.
fn copy_of_vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("vault");
    std::fs::create_dir(&vault).expect("vault folder");
    std::fs::copy(fixture().join("vault.db"), vault.join("vault.db")).expect("copy vault.db");
    (dir, vault)
}

fn xinyu(vault: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xinyu"))
        .arg("--vault")
        .arg(vault)
        .args(args)
        .env_remove("XINYU_VAULT")
        .env_remove("XINYU_USER")
        .env_remove("XINYU_PASSPHRASE")
        .output()
        .expect("run xinyu");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn as_counselor(vault: &Path, args: &[&str]) -> String {
    let pass = fixture().join("pass.txt");
    let mut all = vec![
        "--user",
        "李老师",
        "--passphrase-file",
        pass.to_str().expect("path"),
    ];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = xinyu(vault, &all);
    assert_eq!(code, 0, "xinyu {args:?} failed: {stderr}");
    stdout
}

/// JSON without the fields that depend on today's date (whether a follow-up is overdue).
fn json(text: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    if let Some(items) = value.as_array_mut() {
        for item in items {
            if let Some(item) = item.as_object_mut() {
                item.remove("overdue");
            }
        }
    }
    value
}

fn expected(name: &str) -> serde_json::Value {
    json(&std::fs::read_to_string(fixture().join("expected").join(name)).expect("expected file"))
}

#[test]
fn a_round1_vault_verifies_and_lists_the_same_records() {
    let (_dir, vault) = copy_of_vault();
    let report = as_counselor(&vault, &["verify"]);
    assert!(report.contains("损坏的记录：无"), "{report}");
    assert!(report.contains("链条完整"), "{report}");

    for (file, args) in [
        ("students.json", vec!["student", "list", "--json"]),
        ("files.json", vec!["file", "list", "--all", "--json"]),
        ("sessions.json", vec!["session", "list", "--json"]),
        ("letters.json", vec!["mailbox", "list", "--json"]),
        (
            "stats.json",
            vec![
                "stats",
                "--from",
                "2025-09-01",
                "--to",
                "2026-12-31",
                "--json",
            ],
        ),
        (
            "review.json",
            vec![
                "screening",
                "review-list",
                "--campaign",
                "秋季测评",
                "--json",
            ],
        ),
    ] {
        assert_eq!(
            json(&as_counselor(&vault, &args)),
            expected(file),
            "{file} differs from what round 1 printed"
        );
    }
}

#[test]
fn a_round1_vault_keeps_the_principal_to_summaries_and_the_kiosk_reply_readable() {
    let (_dir, vault) = copy_of_vault();
    let principal = fixture().join("principal.txt");
    let (code, stdout, stderr) = xinyu(
        &vault,
        &[
            "--user",
            "王校长",
            "--passphrase-file",
            principal.to_str().expect("path"),
            "file",
            "list",
            "--all",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json(&stdout), expected("principal-files.json"));
    // The principal still holds no notes key in the old file.
    let (code, _, stderr) = xinyu(
        &vault,
        &[
            "--user",
            "王校长",
            "--passphrase-file",
            principal.to_str().expect("path"),
            "session",
            "list",
        ],
    );
    assert_ne!(code, 0);
    assert!(stderr.starts_with("错误："), "{stderr}");

    let code_text = std::fs::read_to_string(fixture().join("code.txt")).expect("code");
    let (code, stdout, stderr) = xinyu(
        &vault,
        &["mailbox", "read-reply", "--code", code_text.trim()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("谢谢你写信来。"), "{stdout}");
}

/// Bringing an old vault's schema up to date runs alone: while another window of today's app
/// holds the folder's lock file, `xinyu` says the vault is in use and the file stays as it was;
/// once that window is closed, the same command migrates it and works.
#[test]
fn a_round1_vault_is_migrated_only_while_no_other_window_has_it_open() {
    let (_dir, vault) = copy_of_vault();
    let schema = |vault: &Path| -> i64 {
        rusqlite::Connection::open(vault.join("vault.db"))
            .expect("open")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version")
    };
    let old = schema(&vault);
    let window = std::fs::File::create(vault.join("vault.lock")).expect("lock file");
    window.lock_shared().expect("shared");
    let pass = fixture().join("pass.txt");
    let args = [
        "--user",
        "李老师",
        "--passphrase-file",
        pass.to_str().expect("path"),
        "student",
        "list",
        "--json",
    ];
    let (code, stdout, stderr) = xinyu(&vault, &args);
    assert_ne!(code, 0);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("错误：保险箱正被另一个窗口或程序使用。"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(schema(&vault), old, "not migrated beside another window");

    drop(window);
    assert_eq!(
        json(&as_counselor(&vault, &args[4..])),
        expected("students.json")
    );
    assert!(schema(&vault) > old, "migrated once alone");
}
