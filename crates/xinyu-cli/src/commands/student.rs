//! `xinyu student add` and `xinyu student list`: the roster as far as the core models it now.
//! JSON names the class `class`; every student is 在读 until the full model brings status.

use anyhow::Result;
use serde::Serialize;
use xinyu_core::{Student, StudentInput};

use crate::cli::{GlobalOpts, StudentAddArgs};
use crate::session;
use crate::{output, table};

/// The only status until the core models enrolment.
const STATUS_ENROLLED: &str = "在读";

/// A student as the CLI's JSON shows it.
#[derive(Serialize)]
struct StudentRow<'a> {
    id: &'a str,
    student_no: &'a str,
    name: &'a str,
    grade: &'a str,
    class: &'a str,
    status: &'static str,
}

impl<'a> From<&'a Student> for StudentRow<'a> {
    fn from(s: &'a Student) -> Self {
        StudentRow {
            id: &s.id,
            student_no: &s.student_no,
            name: &s.name,
            grade: &s.grade,
            class: &s.class_name,
            status: STATUS_ENROLLED,
        }
    }
}

pub fn add(global: &GlobalOpts, args: &StudentAddArgs) -> Result<()> {
    session::unlocked(global, |vault, _| {
        let student = vault.add_student(StudentInput {
            student_no: args.student_no.clone(),
            name: args.name.clone(),
            grade: args.grade.clone(),
            class_name: args.class.clone(),
        })?;
        output::line(format_args!(
            "已添加学生：学号 {}，编号 {} (student added)",
            output::clean(&student.student_no),
            student.id
        ))
    })
}

pub fn list(global: &GlobalOpts, json: bool) -> Result<()> {
    let students = session::unlocked(global, |vault, _| Ok(vault.list_students()?))?;
    let rows: Vec<StudentRow<'_>> = students.iter().map(StudentRow::from).collect();
    if json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return output::line("（还没有学生）(no students yet)");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            [r.student_no, r.name, r.grade, r.class, r.status]
                .map(str::to_owned)
                .to_vec()
        })
        .collect();
    output::line(table::render(
        &["学号", "姓名", "年级", "班级", "状态"],
        &cells,
    ))?;
    output::notice(format_args!(
        "共 {} 名学生 ({} students)",
        rows.len(),
        rows.len()
    ));
    Ok(())
}
