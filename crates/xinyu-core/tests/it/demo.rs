//! The demo school: the same seed gives the same school, every record decrypts, and the
//! content says it is synthetic.

use xinyu_core::{KdfParams, NewVault, Vault};

fn demo_school(
    students: usize,
    years: u32,
    seed: u64,
) -> (tempfile::TempDir, Vault, xinyu_core::DemoSummary) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut vault, _) = Vault::create(
        dir.path(),
        NewVault {
            school_name: "演示学校",
            user_name: "演示老师",
            passphrase: "演示数据保险箱口令2026",
            kdf: KdfParams::for_tests(),
        },
    )
    .expect("create");
    let summary = vault
        .unlocked()
        .expect("unlocked")
        .generate_demo_data(students, years, seed)
        .expect("demo");
    (dir, vault, summary)
}

fn demo(seed: u64) -> (tempfile::TempDir, Vault, xinyu_core::DemoSummary) {
    demo_school(60, 2, seed)
}

#[test]
fn the_same_seed_gives_the_same_school_and_everything_decrypts() {
    let (_a, mut first, s1) = demo(7);
    let (_b, mut second, s2) = demo(7);
    assert_eq!(s1, s2);
    assert_eq!(s1.students, 60);
    assert!(s1.warning_files > 0, "{s1:?}");
    assert!(s1.follow_ups > 0, "{s1:?}");
    let names = |v: &mut Vault| -> Vec<(String, String)> {
        v.roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .into_iter()
            .map(|s| (s.student_no, s.name))
            .collect()
    };
    assert_eq!(names(&mut first), names(&mut second));
    let (_c, mut other, _) = demo(8);
    assert_ne!(names(&mut first), names(&mut other));

    let report = first.audit().expect("unlocked").verify().expect("verify");
    assert!(report.all_ok(), "{report:?}");
    let due = first.casework().expect("unlocked").due_list().expect("due");
    assert_eq!(
        due.open_by_level.iter().sum::<usize>(),
        s1.warning_files - s1.closed_files
    );
}

#[test]
fn a_larger_demo_school_has_every_kind_of_record_and_a_busy_dashboard() {
    let (_dir, mut vault, s) = demo_school(600, 5, 3);
    assert!(
        s.closed_files > 0 && s.closed_files < s.warning_files,
        "{s:?}"
    );
    assert!(
        s.referrals > 0 && s.parent_contacts > 0 && s.plans > 0,
        "{s:?}"
    );
    assert!(s.crises > 0, "{s:?}");
    let dash = vault
        .casework()
        .expect("unlocked")
        .dashboard()
        .expect("dashboard");
    assert!(!dash.overdue.is_empty(), "some follow-ups are overdue");
    assert!(!dash.recent_crises.is_empty());
    assert!(
        dash.overdue
            .iter()
            .all(|i| i.student_name.chars().count() >= 3)
    );
    let files = vault
        .casework()
        .expect("unlocked")
        .list_warning_files(&xinyu_core::casework::FileFilter {
            include_closed: true,
            ..Default::default()
        })
        .expect("list");
    assert_eq!(files.len(), s.warning_files);
    assert!(
        files
            .iter()
            .all(|f| f.categories.len() == 1 && !f.owner_name.is_empty())
    );
    let longest = files
        .iter()
        .map(|f| {
            vault
                .casework()
                .expect("unlocked")
                .student_page(&f.file.student_id)
                .unwrap()
                .chronology
                .len()
        })
        .max()
        .unwrap();
    assert!(
        longest > 24,
        "years of follow-ups on one chronology: {longest}"
    );
    assert!(
        vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}
