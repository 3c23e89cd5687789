//! Students (学生档案): 学号, name, gender, date of birth, grade, class, enrollment year,
//! homeroom teacher, guardians and status, all inside the encrypted body; adding and importing.

use super::Roster;
use crate::error::{Deed, Existing, Field, Kind};
use crate::store::sealed::STUDENTS;
use crate::vault::Unlocked;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::Action;
use crate::vault::required;
use crate::{Error, Result, Role};

/// What a student row is called in messages.
pub(crate) const KIND: Kind = STUDENTS.kind;

pub use xinyu_import::{Gender, Guardian, StudentStatus};

/// What a counselor enters for a new student (the optional parts may be left out). `Debug`
/// shows nothing of it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudentInput {
    /// 学号: text, leading zeros kept.
    pub student_no: String,
    /// Name as written, rare characters and middle dots included.
    pub name: String,
    /// Grade, e.g. `七年级`.
    pub grade: String,
    /// Class, e.g. `3班`.
    pub class_name: String,
    /// 性别.
    #[serde(default)]
    #[ts(optional)]
    pub gender: Option<Gender>,
    /// 出生日期 (optional: data minimisation).
    #[serde(default)]
    #[ts(optional, type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    /// 入学年份.
    #[serde(default)]
    #[ts(optional)]
    pub enrollment_year: Option<i32>,
    /// 班主任.
    #[serde(default)]
    #[ts(optional)]
    pub homeroom_teacher: Option<String>,
    /// 监护人.
    #[serde(default)]
    #[ts(optional)]
    pub guardians: Option<Vec<Guardian>>,
    /// 学籍状态 (在读 when left out).
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<StudentStatus>,
}

impl std::fmt::Debug for StudentInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StudentInput { .. }")
    }
}

impl std::fmt::Debug for Student {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Student")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl StudentInput {
    /// The four required fields; everything else left out.
    pub fn new(student_no: &str, name: &str, grade: &str, class_name: &str) -> Self {
        StudentInput {
            student_no: student_no.to_owned(),
            name: name.to_owned(),
            grade: grade.to_owned(),
            class_name: class_name.to_owned(),
            gender: None,
            date_of_birth: None,
            enrollment_year: None,
            homeroom_teacher: None,
            guardians: None,
            status: None,
        }
    }
}

/// A student as shown in lists and on the student page. `Debug` shows the id only: a name
/// must never reach a log line.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct Student {
    /// Random id.
    pub id: String,
    /// 学号.
    pub student_no: String,
    /// Name.
    pub name: String,
    /// Grade.
    pub grade: String,
    /// Class.
    pub class_name: String,
    /// 性别.
    pub gender: Option<Gender>,
    /// 出生日期.
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    /// 入学年份.
    pub enrollment_year: Option<i32>,
    /// 班主任.
    pub homeroom_teacher: Option<String>,
    /// 监护人.
    pub guardians: Vec<Guardian>,
    /// 学籍状态.
    pub status: StudentStatus,
}

/// The encrypted body of a student row. Fields added later carry `serde(default)` so older
/// bodies still open.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Body {
    student_no: String,
    name: String,
    pub(crate) grade: String,
    class_name: String,
    #[serde(default)]
    gender: Option<Gender>,
    #[serde(default)]
    date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    enrollment_year: Option<i32>,
    #[serde(default)]
    homeroom_teacher: Option<String>,
    #[serde(default)]
    guardians: Vec<Guardian>,
    #[serde(default)]
    pub(crate) status: StudentStatus,
}

/// What an import did, or would do (`committed` false: nothing was written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    /// New students.
    pub added: usize,
    /// Students already in the vault (same 学号) whose details changed.
    pub updated: usize,
    /// Students already in the vault with nothing new.
    pub unchanged: usize,
    /// Problems, each naming its row and column; any problem means nothing was committed.
    pub errors: Vec<crate::CellError>,
    /// Whether the import was written (all or nothing).
    pub committed: bool,
}

impl Body {
    fn from_input(input: StudentInput) -> Result<Body> {
        Ok(Body {
            student_no: required(Field::StudentNo, &input.student_no)?.to_owned(),
            name: required(Field::Name, &input.name)?.to_owned(),
            grade: required(Field::Grade, &input.grade)?.to_owned(),
            class_name: required(Field::Class, &input.class_name)?.to_owned(),
            gender: input.gender,
            date_of_birth: input.date_of_birth,
            enrollment_year: input.enrollment_year,
            homeroom_teacher: input
                .homeroom_teacher
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty()),
            guardians: input.guardians.unwrap_or_default(),
            status: input.status.unwrap_or_default(),
        })
    }

    fn from_record(r: crate::StudentRecord) -> Body {
        Body {
            student_no: r.student_no,
            name: r.name,
            grade: r.grade,
            class_name: r.class_name,
            gender: r.gender,
            date_of_birth: r.date_of_birth,
            enrollment_year: r.enrollment_year,
            homeroom_teacher: r.homeroom_teacher,
            guardians: r.guardians,
            status: r.status,
        }
    }

    pub(crate) fn of(student: &Student) -> Body {
        Body {
            student_no: student.student_no.clone(),
            name: student.name.clone(),
            grade: student.grade.clone(),
            class_name: student.class_name.clone(),
            gender: student.gender,
            date_of_birth: student.date_of_birth,
            enrollment_year: student.enrollment_year,
            homeroom_teacher: student.homeroom_teacher.clone(),
            guardians: student.guardians.clone(),
            status: student.status,
        }
    }

    pub(crate) fn to_student(&self, id: String) -> Student {
        self.clone().into_student(id)
    }

    fn into_student(self, id: String) -> Student {
        Student {
            id,
            student_no: self.student_no,
            name: self.name,
            grade: self.grade,
            class_name: self.class_name,
            gender: self.gender,
            date_of_birth: self.date_of_birth,
            enrollment_year: self.enrollment_year,
            homeroom_teacher: self.homeroom_teacher,
            guardians: self.guardians,
            status: self.status,
        }
    }
}

/// Compare with digit runs as numbers, so 3班 sorts before 10班 and 初一(2)班 before 初一(12)班.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let mut na = String::new();
                while let Some(c) = a.peek().copied().filter(char::is_ascii_digit) {
                    na.push(c);
                    a.next();
                }
                let mut nb = String::new();
                while let Some(c) = b.peek().copied().filter(char::is_ascii_digit) {
                    nb.push(c);
                    b.next();
                }
                let (ta, tb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
                let ord = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

impl Roster<'_> {
    /// Add a student (counselor). The 学号 must be new.
    pub fn add_student(&mut self, input: StudentInput) -> Result<Student> {
        let body = Body::from_input(input)?;
        self.require(&[Role::Counselor], Deed::AddStudent)?;
        if self
            .loaded_students()?
            .iter()
            .any(|s| s.student_no == body.student_no)
        {
            return Err(Error::Duplicate {
                what: Existing::StudentNo,
            });
        }
        let id = crate::id::new_id();
        let w = self.write()?;
        let at = w.at.clone();
        w.insert(
            &STUDENTS,
            &id,
            &body,
            &[("created_at", &at), ("updated_at", &at)],
        )?;
        w.log(Action::Create, "student", &id)?;
        w.commit()?;
        let student = body.into_student(id);
        self.remember_students(vec![student.clone()]);
        Ok(student)
    }

    /// Every student, by grade, class (naturally: 3班 before 10班) and 学号 (roles that hold
    /// the roster key). Decrypted once per unlock, on all cores, then served from memory.
    pub fn students(&mut self) -> Result<Vec<Student>> {
        let mut students = self.loaded_students()?.to_vec();
        students.sort_by(|a, b| {
            natural_cmp(&a.grade, &b.grade)
                .then_with(|| natural_cmp(&a.class_name, &b.class_name))
                .then_with(|| a.student_no.cmp(&b.student_no))
        });
        Ok(students)
    }

    /// One student, opened (and logged as a view). A teacher opens only students whose files
    /// are theirs or shared with them.
    pub fn student(&mut self, id: &str) -> Result<Student> {
        let role = self
            .require_class(KeyClass::Roster, Deed::ViewStudent)?
            .user
            .role;
        if role == Role::Teacher && !self.loaded_students()?.iter().any(|s| s.id == id) {
            return Err(Error::NotFound { kind: KIND });
        }
        let body: Body = self
            .load(&STUDENTS, id)?
            .ok_or(Error::NotFound { kind: KIND })?;
        self.log(Action::View, "student", id)?;
        Ok(body.into_student(id.to_owned()))
    }

    /// Import parsed roster rows (counselor), all or nothing. Rows with errors, 学号 repeated
    /// within the file, or any other problem mean nothing is written; the summary lists every
    /// problem by row and column. A 学号 already in the vault updates that student. With
    /// `dry_run`, the summary says what would happen and nothing is written.
    pub fn import_students(
        &mut self,
        rows: Vec<std::result::Result<crate::StudentRecord, Vec<crate::CellError>>>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.require(&[Role::Counselor], Deed::ImportRoster)?;
        let mut errors = Vec::new();
        let mut records = Vec::new();
        for row in rows {
            match row {
                Ok(record) => records.push(record),
                Err(mut cell_errors) => errors.append(&mut cell_errors),
            }
        }
        for (first, later) in crate::find_duplicates(&records) {
            errors.push(crate::CellError::new(
                later,
                xinyu_import::RosterField::StudentNo.label(),
                xinyu_import::CellProblem::SameNumberAs { first },
            ));
        }
        errors.sort_by_key(|e| e.row);

        let existing: std::collections::HashMap<String, Student> = self
            .loaded_students()?
            .iter()
            .map(|s| (s.student_no.clone(), s.clone()))
            .collect();
        let mut summary = ImportSummary {
            added: 0,
            updated: 0,
            unchanged: 0,
            errors,
            committed: false,
        };
        let mut writes: Vec<(String, bool, Body)> = Vec::new();
        for record in records {
            let body = Body::from_record(record);
            match existing.get(&body.student_no) {
                None => {
                    summary.added += 1;
                    writes.push((crate::id::new_id(), true, body));
                }
                Some(old) if Body::of(old) == body => summary.unchanged += 1,
                Some(old) => {
                    summary.updated += 1;
                    writes.push((old.id.clone(), false, body));
                }
            }
        }
        if dry_run || !summary.errors.is_empty() {
            return Ok(summary);
        }

        let w = self.write()?;
        let at = w.at.clone();
        for (id, new, body) in &writes {
            if *new {
                w.insert(
                    &STUDENTS,
                    id,
                    body,
                    &[("created_at", &at), ("updated_at", &at)],
                )?;
                w.log(Action::Create, "student", id)?;
            } else {
                w.update(&STUDENTS, id, body, &[("updated_at", &at)])?;
                w.log(Action::Update, "student", id)?;
            }
        }
        w.commit()?;
        // The roster in memory follows what was committed.
        let me = self.me_mut();
        me.roster = None;
        me.search = None;
        drop(writes);
        summary.committed = true;
        tracing::info!(
            added = summary.added,
            updated = summary.updated,
            "roster imported"
        );
        Ok(summary)
    }

    /// Read a roster file for the import preview (counselor); nothing is written.
    pub fn preview_roster(
        &mut self,
        bytes: &[u8],
        file_name: &str,
    ) -> Result<crate::RosterPreview> {
        self.require(&[Role::Counselor], Deed::ImportRoster)?;
        self.preview_parsed_roster(crate::parse_roster(bytes, file_name))
    }

    /// [`Roster::preview_roster`] for a file already read with [`crate::parse_roster`] (the
    /// desktop reads it before taking the vault, so a large or hostile file holds up nothing
    /// else). A file that could not be read is reported after the role check, as before.
    pub fn preview_parsed_roster(
        &mut self,
        parsed: std::result::Result<crate::RosterPreview, crate::RosterError>,
    ) -> Result<crate::RosterPreview> {
        self.require(&[Role::Counselor], Deed::ImportRoster)?;
        Ok(parsed?)
    }

    /// Parse a roster file, apply the confirmed mapping and import it all or nothing.
    pub fn import_roster(&mut self, input: &crate::RosterImportInput) -> Result<ImportSummary> {
        self.require(&[Role::Counselor], Deed::ImportRoster)?;
        let parsed = crate::parse_roster(&input.bytes, &input.file_name);
        self.import_parsed_roster(parsed, &input.mapping, input.dry_run)
    }

    /// [`Roster::import_roster`] for a file already read with [`crate::parse_roster`]: the
    /// confirmed `mapping` applied, then imported all or nothing (or, with `dry_run`, only
    /// checked). A file that could not be read is reported after the role check.
    pub fn import_parsed_roster(
        &mut self,
        parsed: std::result::Result<crate::RosterPreview, crate::RosterError>,
        mapping: &[crate::ColumnMapping],
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.require(&[Role::Counselor], Deed::ImportRoster)?;
        let preview = parsed?;
        let mapping: Vec<(usize, crate::RosterField)> =
            mapping.iter().map(|m| (m.index, m.field)).collect();
        crate::check_mapping(&preview, &mapping)?;
        let rows = crate::apply_mapping(&preview, &mapping);
        self.import_students(rows, dry_run)
    }

    /// Students matching what was typed — name, 学号, class, pinyin initials or full pinyin
    /// (`zs`, `zhangsan` find 张三) — best first, at most `limit`. Served from the in-memory
    /// index; not logged per keystroke (opening a student is).
    pub fn search_students(&mut self, query: &str, limit: usize) -> Result<Vec<Student>> {
        self.loaded_students()?;
        let me = self.me_mut();
        let roster = me.roster.as_deref().unwrap_or_default();
        let index = me.search.get_or_insert_with(|| {
            crate::SearchIndex::build(roster.iter().map(crate::SearchEntry::from))
        });
        let hits = index.search(query, limit);
        let by_id: std::collections::HashMap<&str, &Student> =
            roster.iter().map(|s| (s.id.as_str(), s)).collect();
        Ok(hits
            .iter()
            .filter_map(|h| by_id.get(h.id.as_str()).map(|s| (*s).clone()))
            .collect())
    }

    /// The student list as a user opens it: logged as one view of the list.
    pub fn list_students(&mut self) -> Result<Vec<Student>> {
        let students = self.students()?;
        self.log(Action::View, "student_list", "")?;
        Ok(students)
    }
}

impl Unlocked<'_> {
    /// Keep the roster and the search index in memory in step with students just written:
    /// each replaces the one with its id, or joins the roster. (Nothing to do before the
    /// roster was first loaded.)
    pub(crate) fn remember_students(&mut self, written: Vec<Student>) {
        let me = self.me_mut();
        for student in written {
            if let Some(index) = me.search.as_mut() {
                index.upsert(crate::SearchEntry::from(&student));
            }
            if let Some(roster) = me.roster.as_mut() {
                match roster.iter_mut().find(|s| s.id == student.id) {
                    Some(old) => *old = student,
                    None => roster.push(student),
                }
            }
        }
    }

    /// The in-memory roster, loading it on first use.
    pub(crate) fn loaded_students(&mut self) -> Result<&[Student]> {
        use rayon::prelude::*;
        let role = self
            .require_class(KeyClass::Roster, Deed::ViewRoster)?
            .user
            .role;
        let loaded = self.me().roster.is_some();
        if !loaded {
            // A teacher sees only the students whose files are theirs or shared with them.
            let visible: Option<std::collections::HashSet<String>> = if role == Role::Teacher {
                Some(
                    self.casework()
                        .warning_files()?
                        .into_iter()
                        .map(|f| f.student_id)
                        .collect(),
                )
            } else {
                None
            };
            // Decrypted on all cores: a school of 3,000 opens in milliseconds.
            let rows = crate::store::sealed::revised_rows(
                self.conn,
                STUDENTS.read,
                "SELECT id, body, revision FROM students",
                [],
            )?;
            let keyring = &self.me().keyring;
            let opened = rows
                .par_iter()
                .filter(|row| visible.as_ref().is_none_or(|v| v.contains(&row.id)))
                .map(|row| {
                    let body = STUDENTS.open::<Body>(keyring, &row.id, row.revision, &row.body);
                    (&row.id, body.map(|b| b.into_student(row.id.clone())))
                })
                .collect::<Vec<_>>();
            let mut students = Vec::with_capacity(opened.len());
            for (id, student) in opened {
                match student {
                    Ok(s) => students.push(s),
                    Err(e) => self.leave_out(STUDENTS.name, id, e)?,
                }
            }
            self.me_mut().roster = Some(students);
        }
        Ok(self.state.roster.as_deref().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering;

    #[test]
    fn classes_sort_as_people_count_them() {
        assert_eq!(natural_cmp("3班", "10班"), Ordering::Less);
        assert_eq!(natural_cmp("初一(12)班", "初一(2)班"), Ordering::Greater);
        assert_eq!(natural_cmp("七年级", "七年级"), Ordering::Equal);
        assert_eq!(natural_cmp("2班", "02班"), Ordering::Equal);
    }
}
