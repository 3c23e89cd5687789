//! Students (学生档案), as far as the vault needs them now: 学号, name, grade and class, all
//! inside the encrypted body. The full model (guardians, status, import) builds on this.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::{self, Action};
use crate::vault::{Vault, commit, required, stamp};
use crate::{Error, Result, Role, record};

/// The table and kind name of student rows.
pub(crate) const TABLE: &str = "students";
const KIND: &str = "学生";

/// What a counselor enters for a new student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudentInput {
    /// 学号: text, leading zeros kept.
    pub student_no: String,
    /// Name as written, rare characters and middle dots included.
    pub name: String,
    /// Grade, e.g. `七年级`.
    pub grade: String,
    /// Class, e.g. `3班`.
    pub class_name: String,
}

/// A student as shown in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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
}

/// The encrypted body of a student row.
#[derive(Serialize, Deserialize)]
struct Body {
    student_no: String,
    name: String,
    grade: String,
    class_name: String,
}

impl Body {
    fn into_student(self, id: String) -> Student {
        Student {
            id,
            student_no: self.student_no,
            name: self.name,
            grade: self.grade,
            class_name: self.class_name,
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

impl Vault {
    /// Add a student (counselor). The 学号 must be new.
    pub fn add_student(&mut self, input: StudentInput) -> Result<Student> {
        let body = Body {
            student_no: required("学号", &input.student_no)?.to_owned(),
            name: required("姓名", &input.name)?.to_owned(),
            grade: required("年级", &input.grade)?.to_owned(),
            class_name: required("班级", &input.class_name)?.to_owned(),
        };
        self.require(&[Role::Counselor], "添加学生")?;
        if self
            .roster()?
            .iter()
            .any(|s| s.student_no == body.student_no)
        {
            return Err(Error::Duplicate {
                what: "该学号".into(),
            });
        }
        let now = stamp(self.now());
        let id = crate::id::new_id();
        let session = self.session()?;
        let actor = session.user.id.clone();
        let sealed = record::seal(&session.keyring, KeyClass::Roster, TABLE, &id, &body)?;
        let version = crate::meta::key_version(&self.conn, KeyClass::Roster)?;
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO students (id, key_version, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, version.0, sealed, now],
        )
        .map_err(|e| Error::storage("write student", e))?;
        access_log::append(
            &tx,
            &now,
            Some(&actor),
            Action::Create,
            Some(("student", &id)),
        )?;
        commit(tx)?;
        Ok(Student {
            id,
            student_no: body.student_no,
            name: body.name,
            grade: body.grade,
            class_name: body.class_name,
        })
    }

    /// Every student, by grade, class (naturally: 3班 before 10班) and 学号 (roles that hold
    /// the roster key). Decrypted once per unlock, on all cores, then served from memory.
    pub fn students(&mut self) -> Result<Vec<Student>> {
        let mut students = self.roster()?.to_vec();
        students.sort_by(|a, b| {
            natural_cmp(&a.grade, &b.grade)
                .then_with(|| natural_cmp(&a.class_name, &b.class_name))
                .then_with(|| a.student_no.cmp(&b.student_no))
        });
        Ok(students)
    }

    /// The in-memory roster, loading it on first use.
    pub(crate) fn roster(&mut self) -> Result<&[Student]> {
        use rayon::prelude::*;
        self.require_class(KeyClass::Roster, "查看学生名单")?;
        let loaded = self.session.as_ref().is_some_and(|s| s.roster.is_some());
        if !loaded {
            let rows: Vec<(String, Vec<u8>)> = {
                let mut stmt = self
                    .conn
                    .prepare("SELECT id, body FROM students")
                    .map_err(|e| Error::storage("read students", e))?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(|e| Error::storage("read students", e))?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(|e| Error::storage("read students", e))?
            };
            let session = self.session.as_mut().ok_or(Error::Locked)?;
            let keyring = &session.keyring;
            let students = rows
                .par_iter()
                .map(|(id, sealed)| {
                    let body: Body = record::open(keyring, KIND, TABLE, id, sealed)?;
                    Ok(body.into_student(id.clone()))
                })
                .collect::<Result<Vec<_>>>()?;
            session.roster = Some(students);
        }
        Ok(self
            .session
            .as_ref()
            .and_then(|s| s.roster.as_deref())
            .unwrap_or_default())
    }

    /// One student, opened (and logged as a view).
    pub fn student(&mut self, id: &str) -> Result<Student> {
        let now = stamp(self.now());
        let actor = self
            .require_class(KeyClass::Roster, "查看学生")?
            .user
            .id
            .clone();
        let sealed: Vec<u8> = self
            .conn
            .query_row("SELECT body FROM students WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound { kind: KIND },
                e => Error::storage("read student", e),
            })?;
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let body: Body = record::open(keyring, KIND, TABLE, id, &sealed)?;
        access_log::append(
            &self.conn,
            &now,
            Some(&actor),
            Action::View,
            Some(("student", id)),
        )?;
        Ok(Student {
            id: id.to_owned(),
            student_no: body.student_no,
            name: body.name,
            grade: body.grade,
            class_name: body.class_name,
        })
    }

    /// The student list as a user opens it: logged as one view of the list.
    pub fn list_students(&mut self) -> Result<Vec<Student>> {
        let students = self.students()?;
        let now = stamp(self.now());
        let actor = self.session()?.user.id.clone();
        access_log::append(
            &self.conn,
            &now,
            Some(&actor),
            Action::View,
            Some(("student_list", "")),
        )?;
        Ok(students)
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
