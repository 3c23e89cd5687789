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
            .students()?
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

    /// Every student, by grade, class and 学号 (roles that hold the roster key).
    pub fn students(&mut self) -> Result<Vec<Student>> {
        self.require_class(KeyClass::Roster, "查看学生名单")?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, body FROM students")
            .map_err(|e| Error::storage("read students", e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(|e| Error::storage("read students", e))?;
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let mut students = Vec::new();
        for row in rows {
            let (id, sealed) = row.map_err(|e| Error::storage("read students", e))?;
            let body: Body = record::open(keyring, KIND, TABLE, &id, &sealed)?;
            students.push(Student {
                id,
                student_no: body.student_no,
                name: body.name,
                grade: body.grade,
                class_name: body.class_name,
            });
        }
        students.sort_by(|a, b| {
            (&a.grade, &a.class_name, &a.student_no).cmp(&(&b.grade, &b.class_name, &b.student_no))
        });
        Ok(students)
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
