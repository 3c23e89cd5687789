//! No plaintext at rest: canary strings written into every sensitive field must not appear in
//! the database, its WAL and shared-memory files, the log output, or new temp files — neither
//! as UTF-8 nor as UTF-16.
//!
//! Its own test binary: other tests running in the same process would log on other threads
//! (tracing caches per call site whether anyone listens) and write temp files of their own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use xinyu_core::roster::StudentInput;
use xinyu_core::{KdfParams, NewVault, Role, Vault};

/// A log sink the test can read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn encodings(s: &str) -> Vec<Vec<u8>> {
    let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    vec![s.as_bytes().to_vec(), le, be]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn files_under(dir: &Path, since: SystemTime, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            files_under(&path, since, out);
        } else if meta.modified().is_ok_and(|m| m >= since) && meta.len() < 64 * 1024 * 1024 {
            out.push(path);
        }
    }
}

#[test]
fn canaries_in_every_sensitive_field_never_reach_the_disk_or_the_logs() {
    let started = SystemTime::now();
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let canaries = [
        "金丝雀学号CANARY0001",
        "金丝雀甲乙丙",
        "canary-name-Zhangsan",
        "金丝雀年级",
        "金丝雀班级",
        "𠈌金丝雀·买买提",
        "金丝雀班主任",
        "金丝雀家长",
        "13900139000",
        "金丝雀类别",
        "金丝雀建档原因",
        "金丝雀跟踪内容",
        "金丝雀转介机构",
        "金丝雀家长回应",
        "金丝雀机构反馈",
        "金丝雀家访内容",
        "金丝雀危机经过",
        "金丝雀一生一策目标",
        "金丝雀措施责任人",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut vault, code) = Vault::create(
        dir.path(),
        NewVault {
            school_name: "示例实验中学",
            user_name: "李老师",
            passphrase: "金丝雀口令不应落盘2026",
            kdf: KdfParams::for_tests(),
        },
    )
    .expect("create");
    vault
        .roster()
        .expect("unlocked")
        .add_student(StudentInput {
            homeroom_teacher: Some("金丝雀班主任".into()),
            guardians: Some(vec![xinyu_core::roster::Guardian {
                name: Some("金丝雀家长".into()),
                relation: Some("母亲".into()),
                phone: Some("13900139000".into()),
            }]),
            ..StudentInput::new(canaries[0], canaries[1], canaries[3], canaries[4])
        })
        .expect("student");
    for (i, name) in [canaries[2], canaries[5]].into_iter().enumerate() {
        vault
            .roster()
            .expect("unlocked")
            .add_student(StudentInput::new(
                &format!("2024{i:03}"),
                name,
                "七年级",
                "1班",
            ))
            .expect("student");
    }
    let first = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")[0]
        .id
        .clone();
    let file = vault
        .casework()
        .expect("unlocked")
        .open_warning_file(xinyu_core::casework::OpenFileInput {
            student_id: first,
            level: 2,
            categories: vec!["金丝雀类别".into()],
            source: xinyu_core::casework::FileSource::Parent,
            reason: "金丝雀建档原因".into(),
            opened_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        })
        .expect("warning file");
    vault
        .casework()
        .expect("unlocked")
        .add_follow_up(
            &file.id,
            xinyu_core::casework::FollowUpInput {
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
                mode: xinyu_core::casework::FollowUpMode::Phone,
                content: "金丝雀跟踪内容".into(),
                reassessed_level: None,
                next_due: None,
            },
        )
        .expect("follow-up");
    let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, day).expect("date");
    vault
        .casework()
        .expect("unlocked")
        .record_referral(
            &file.id,
            xinyu_core::casework::ReferralInput {
                date: d(4),
                institution: "金丝雀转介机构".into(),
                reason: "建议专业评估".into(),
                parent_notification: xinyu_core::casework::ParentNotification {
                    notified_on: d(4),
                    method: "面谈".into(),
                    notified_by: "李老师".into(),
                    response: xinyu_core::casework::ParentResponse::Hesitant,
                    response_note: "金丝雀家长回应".into(),
                },
            },
        )
        .expect("referral");
    vault
        .casework()
        .expect("unlocked")
        .record_referral_feedback(
            &file.id,
            xinyu_core::casework::FeedbackInput {
                date: d(10),
                source: "机构".into(),
                content: "金丝雀机构反馈".into(),
            },
        )
        .expect("feedback");
    vault
        .casework()
        .expect("unlocked")
        .record_home_visit(
            &file.id,
            xinyu_core::casework::HomeVisitInput {
                date: d(11),
                visitors: "李老师".into(),
                present: "父母".into(),
                content: "金丝雀家访内容".into(),
            },
        )
        .expect("home visit");
    let when = d(12).and_hms_opt(9, 0, 0).expect("time");
    let student_id = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")[0]
        .id
        .clone();
    vault
        .casework()
        .expect("unlocked")
        .record_crisis(
            &student_id,
            xinyu_core::casework::CrisisInput {
                occurred_at: when,
                location: "操场".into(),
                description: "金丝雀危机经过".into(),
                safety_ensured: true,
                actions: "陪伴".into(),
                notifications: xinyu_core::casework::CRISIS_REQUIRED
                    .iter()
                    .map(|p| xinyu_core::casework::CrisisNotification {
                        party: *p,
                        at: Some(when),
                        note: String::new(),
                    })
                    .collect(),
            },
        )
        .expect("crisis");
    vault
        .casework()
        .expect("unlocked")
        .save_support_plan(
            &student_id,
            xinyu_core::casework::PlanInput {
                goals: vec!["金丝雀一生一策目标".into()],
                measures: vec![xinyu_core::casework::PlanMeasure {
                    measure: "每周面谈".into(),
                    responsible: "金丝雀措施责任人".into(),
                }],
                review_dates: vec![],
            },
        )
        .expect("plan");
    vault
        .casework()
        .expect("unlocked")
        .student_page(&student_id)
        .expect("page");
    vault
        .casework()
        .expect("unlocked")
        .dashboard()
        .expect("dashboard");
    vault
        .accounts()
        .expect("unlocked")
        .add_user("周老师", Role::Teacher, "另一个金丝雀口令2026")
        .expect("user");
    vault
        .roster()
        .expect("unlocked")
        .list_students()
        .expect("list");
    vault
        .accounts()
        .expect("unlocked")
        .change_passphrase("金丝雀口令不应落盘2026", "第二个金丝雀口令2026")
        .expect("passwd");
    let code_text = code.to_string();
    drop(code);
    vault.lock().expect("lock");
    vault
        .unlock("李老师", "第二个金丝雀口令2026")
        .expect("unlock");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        3
    );
    // Keep the WAL as it is (no checkpoint on close) by scanning while the vault is open.
    let mut files = Vec::new();
    files_under(dir.path(), started, &mut files);
    files_under(&std::env::temp_dir(), started, &mut files);
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert!(names.iter().any(|n| n == "vault.db"), "{names:?}");
    assert!(names.iter().any(|n| n == "vault.db-wal"), "{names:?}");

    let secrets: Vec<&str> = canaries
        .iter()
        .copied()
        .chain([
            "金丝雀口令不应落盘2026",
            "第二个金丝雀口令2026",
            "另一个金丝雀口令2026",
            code_text.as_str(),
        ])
        .collect();
    let log_bytes = logs.0.lock().expect("logs").clone();
    assert!(!log_bytes.is_empty(), "the use cases do log");
    for secret in &secrets {
        for needle in encodings(secret) {
            assert!(
                !contains(&log_bytes, &needle),
                "log output holds {secret:?}"
            );
            for file in &files {
                let bytes = std::fs::read(file).unwrap_or_default();
                assert!(
                    !contains(&bytes, &needle),
                    "{} holds {secret:?}",
                    file.display()
                );
            }
        }
    }
}
