//! Importing a roster into the vault as a counselor does it: preview, then all or nothing.
//! A failed import leaves the vault exactly as it was; a second import updates, not duplicates.

use std::path::Path;

use xinyu_core::Vault;
use xinyu_core::roster::{CellProblem, StudentStatus, apply_mapping, parse_roster};

use crate::school::{PRINCIPAL, PRINCIPAL_PASS, School, store};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(vault: &mut Vault, name: &str, dry_run: bool) -> xinyu_core::roster::ImportSummary {
    let preview = parse_roster(&fixture(name), name).expect("parse");
    let rows = apply_mapping(&preview, &preview.suggested_mapping());
    vault
        .roster()
        .expect("unlocked")
        .import_students(rows, dry_run)
        .expect("import")
}

fn count_rows(dir: &Path) -> i64 {
    store(dir)
        .query_row("SELECT count(*) FROM students", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_gbk_roster_with_title_rows_is_imported_whole_and_a_second_import_changes_nothing() {
    let School { dir, mut vault, .. } = School::builder().build();
    let dry = import(&mut vault, "gbk_title_rows.csv", true);
    assert!(dry.errors.is_empty(), "{:?}", dry.errors);
    assert!(!dry.committed);
    assert_eq!(count_rows(dir.path()), 0, "a dry run writes nothing");

    let done = import(&mut vault, "gbk_title_rows.csv", false);
    assert!(done.committed);
    assert_eq!(done.added, dry.added);
    assert!(done.added > 0);
    let students = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students");
    assert_eq!(students.len(), done.added);
    assert!(students.iter().all(|s| s.status == StudentStatus::Active));
    assert!(
        students.iter().any(|s| s.student_no.starts_with('0')),
        "leading zeros kept: {:?}",
        students.iter().map(|s| &s.student_no).collect::<Vec<_>>()
    );

    let again = import(&mut vault, "gbk_title_rows.csv", false);
    assert_eq!((again.added, again.updated), (0, 0));
    assert_eq!(again.unchanged, done.added);
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        done.added
    );
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_every_problem_names_its_row_and_column() {
    let School { dir, mut vault, .. } = School::builder()
        .students(&[("2099001", "已有学生", "八年级", "2班")])
        .build();
    let before = count_rows(dir.path());
    let summary = import(&mut vault, "bad_rows.csv", false);
    assert!(!summary.committed);
    assert!(!summary.errors.is_empty());
    for e in &summary.errors {
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("第 {} 行", e.row)), "{shown}");
        assert!(shown.contains(&e.column), "{shown}");
    }
    assert!(summary.errors.iter().any(|e| e.column == "姓名"));
    assert!(summary.errors.iter().any(|e| e.column == "出生日期"));
    assert_eq!(count_rows(dir.path()), before, "nothing committed");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        1
    );
}

#[test]
fn a_student_number_twice_in_the_file_rejects_the_import_naming_both_rows() {
    let School { dir, mut vault, .. } = School::builder().build();
    let summary = import(&mut vault, "duplicates.csv", false);
    assert!(!summary.committed);
    let dup = summary
        .errors
        .iter()
        .find(|e| matches!(e.problem, CellProblem::SameNumberAs { .. }))
        .expect("a duplicate error");
    assert!(dup.to_string().contains("重复"), "{dup}");
    assert_eq!(dup.column, "学号");
    assert_eq!(count_rows(dir.path()), 0);
}

#[test]
fn a_changed_class_in_a_new_roster_updates_the_student_instead_of_adding_one() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = School::builder().build();
    let first = import(&mut vault, "clean_utf8_bom.csv", false);
    assert!(first.committed, "{:?}", first.errors);
    let no = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")[0]
        .student_no
        .clone();
    // The same student in another class, as next year's roster would have it.
    let csv = format!("学号,姓名,年级,班级\n{no},{},八年级,9班\n", {
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")[0]
            .name
            .clone()
    });
    let preview = parse_roster(csv.as_bytes(), "next.csv").expect("parse");
    let rows = apply_mapping(&preview, &preview.suggested_mapping());
    let summary = vault
        .roster()
        .expect("unlocked")
        .import_students(rows, false)
        .expect("import");
    assert_eq!((summary.added, summary.updated), (0, 1));
    let moved = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")
        .into_iter()
        .find(|s| s.student_no == no)
        .expect("still there");
    assert_eq!(
        (moved.grade.as_str(), moved.class_name.as_str()),
        ("八年级", "9班")
    );
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        first.added,
        "no student added twice"
    );
}

#[test]
fn the_counselors_corrected_mapping_is_used_and_other_roles_cannot_import() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = School::builder().principal().build();
    let bytes = fixture("clean_utf8_bom.csv");
    let preview = vault
        .roster()
        .expect("unlocked")
        .preview_roster(&bytes, "clean_utf8_bom.csv")
        .expect("preview");
    // Leave every column but the four required ones out of the import.
    let keep = [
        xinyu_core::roster::RosterField::StudentNo,
        xinyu_core::roster::RosterField::Name,
        xinyu_core::roster::RosterField::Grade,
        xinyu_core::roster::RosterField::ClassName,
    ];
    let mapping: Vec<xinyu_core::vault::ColumnMapping> = preview
        .suggested_mapping()
        .into_iter()
        .filter(|(_, f)| keep.contains(f))
        .map(|(index, field)| xinyu_core::vault::ColumnMapping { index, field })
        .collect();
    let summary = vault
        .roster()
        .expect("unlocked")
        .import_roster(&xinyu_core::vault::RosterImportInput {
            file_name: "clean_utf8_bom.csv".into(),
            bytes: bytes.clone(),
            mapping,
            dry_run: false,
        })
        .expect("import");
    assert!(summary.committed, "{:?}", summary.errors);
    let students = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students");
    assert!(
        students
            .iter()
            .all(|s| s.gender.is_none() && s.guardians.is_empty())
    );

    vault.lock().expect("lock");
    vault.unlock(PRINCIPAL, PRINCIPAL_PASS).expect("unlock");
    let err = vault
        .roster()
        .expect("unlocked")
        .preview_roster(&bytes, "clean_utf8_bom.csv")
        .expect_err("principal");
    assert_eq!(err.code(), "forbidden");
}

/// The desktop reads a file before it takes the vault, then hands the core what it read. A file
/// too large to be a roster is refused in words naming the limit, whichever way it comes in;
/// nothing is written, and the vault locks and unlocks as usual afterwards. A file read well
/// imports the same as from bytes.
#[test]
fn a_file_read_before_the_vault_is_taken_is_refused_or_imported_as_from_bytes() {
    let School { dir, mut vault, .. } = School::builder().build();
    let huge = vec![b'a'; (xinyu_core::roster::MAX_FILE_MB + 1) * 1024 * 1024];
    let read = parse_roster(&huge, "花名册.csv");
    let err = vault
        .roster()
        .expect("unlocked")
        .import_parsed_roster(read, &[], false)
        .expect_err("too large");
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().starts_with("花名册文件："), "{err}");
    assert!(err.to_string().contains("32"), "names the limit: {err}");
    let preview = vault
        .roster()
        .expect("unlocked")
        .preview_parsed_roster(parse_roster(&huge, "花名册.csv"))
        .expect_err("too large");
    assert_eq!(preview.to_string(), err.to_string());
    let from_bytes = vault
        .roster()
        .expect("unlocked")
        .preview_roster(&huge, "花名册.csv")
        .expect_err("too large");
    assert_eq!(from_bytes.to_string(), err.to_string());
    assert_eq!(count_rows(dir.path()), 0);

    vault.lock().expect("lock");
    vault
        .unlock(crate::school::COUNSELOR, crate::school::PASS)
        .expect("unlock");

    let bytes = fixture("gbk_title_rows.csv");
    let read = parse_roster(&bytes, "gbk_title_rows.csv");
    let mapping: Vec<xinyu_core::vault::ColumnMapping> = read
        .as_ref()
        .expect("read")
        .suggested_mapping()
        .into_iter()
        .map(|(index, field)| xinyu_core::vault::ColumnMapping { index, field })
        .collect();
    let done = vault
        .roster()
        .expect("unlocked")
        .import_parsed_roster(read, &mapping, false)
        .expect("import");
    assert!(done.committed, "{:?}", done.errors);
    assert_eq!(count_rows(dir.path()), done.added as i64);
}

/// A principal handing over a file that cannot be read still hears first that the role may
/// not import, as when the core reads the bytes itself.
#[test]
fn a_file_read_before_the_vault_is_taken_still_answers_the_role_first() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = School::builder().principal().build();
    vault.lock().expect("lock");
    vault.unlock(PRINCIPAL, PRINCIPAL_PASS).expect("unlock");
    let err = vault
        .roster()
        .expect("unlocked")
        .import_parsed_roster(parse_roster(b"", "empty.csv"), &[], false)
        .expect_err("principal");
    assert_eq!(err.code(), "forbidden");
}
