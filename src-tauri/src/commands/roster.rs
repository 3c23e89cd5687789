//! Students: adding, listing and searching them, roster import, the school-year rollover and a
//! student's status.

use tauri::State;
use xinyu_core::roster::{
    ImportSummary, RolloverSummary, RosterPreview, Student, StudentInput, StudentStatus,
    parse_roster,
};
use xinyu_core::vault::{RosterImportInput, RosterUpload};

use super::Res;
use crate::state::AppState;

/// Add a student.
#[tauri::command]
pub async fn add_student(state: State<'_, AppState>, input: StudentInput) -> Res<Student> {
    state.with_vault(|v| v.roster()?.add_student(input))
}

/// The student list (logged as one view).
#[tauri::command]
pub async fn list_students(state: State<'_, AppState>) -> Res<Vec<Student>> {
    state.with_vault(|v| v.roster()?.list_students())
}

/// Students matching what was typed (name, 学号, class, pinyin), best first.
#[tauri::command]
pub async fn search_students(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Res<Vec<Student>> {
    state.with_vault(|v| v.roster()?.search_students(&query, limit.min(200)))
}

/// Read a roster file for the import preview (read before the vault is taken); nothing is
/// written.
#[tauri::command]
pub async fn preview_roster(state: State<'_, AppState>, input: RosterUpload) -> Res<RosterPreview> {
    state.read_then(
        || parse_roster(&input.bytes, &input.file_name),
        |v, read| v.roster()?.preview_parsed_roster(read),
    )
}

/// Import a roster file with the confirmed mapping, all or nothing (or only check it). The file
/// is read before the vault is taken.
#[tauri::command]
pub async fn import_roster(
    state: State<'_, AppState>,
    input: RosterImportInput,
) -> Res<ImportSummary> {
    state.read_then(
        || parse_roster(&input.bytes, &input.file_name),
        |v, read| {
            v.roster()?
                .import_parsed_roster(read, &input.mapping, input.dry_run)
        },
    )
}

/// New school year: everyone in school moves up a grade, the top grade graduates (or only preview).
#[tauri::command]
pub async fn roll_over_school_year(
    state: State<'_, AppState>,
    dry_run: bool,
) -> Res<RolloverSummary> {
    state.with_vault(|v| v.roster()?.roll_over_school_year(dry_run))
}

/// Change a student's status (在读/休学/转出/毕业).
#[tauri::command]
pub async fn set_student_status(
    state: State<'_, AppState>,
    id: String,
    status: StudentStatus,
) -> Res<Student> {
    state.with_vault(|v| v.roster()?.set_student_status(&id, status))
}
