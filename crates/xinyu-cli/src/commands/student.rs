//! `xinyu student add`, `list [--search Q]` and `import FILE`: the roster from the command line.
//! JSON names the class `class`; an import is all or nothing and exits non-zero on any problem.

use anyhow::Context;
use anyhow::Result;
use serde::Serialize;
use xinyu_core::roster::{Student, StudentInput};

use crate::cli::{GlobalOpts, StudentAddArgs, StudentImportArgs, StudentStatusArgs};
use crate::unlock;
use crate::{output, table};
use xinyu_core::error::Kind;

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
            status: s.status.label(),
        }
    }
}

pub fn add(global: &GlobalOpts, args: &StudentAddArgs) -> Result<()> {
    unlock::unlocked(global, |vault, _| {
        let student = vault.roster()?.add_student(StudentInput::new(
            &args.student_no,
            &args.name,
            &args.grade,
            &args.class,
        ))?;
        output::line(format_args!(
            "已添加学生：学号 {}，编号 {} (student added)",
            output::clean(&student.student_no),
            student.id
        ))
    })
}

pub fn list(global: &GlobalOpts, search: Option<&str>, json: bool) -> Result<()> {
    let students = unlock::unlocked(global, |vault, _| match search {
        Some(q) => Ok(vault.roster()?.search_students(q, 50)?),
        None => Ok(vault.roster()?.list_students()?),
    })?;
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

/// Parse the file, show what would change and every problem by row and column, and commit
/// only when there is no problem (and not `--dry-run`).
pub fn import(global: &GlobalOpts, args: &StudentImportArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| {
        format!(
            "无法读取文件 {}，请检查路径 (cannot read the file)",
            args.file.display()
        )
    })?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let preview =
        xinyu_core::roster::parse_roster(&bytes, &name).map_err(xinyu_core::Error::from)?;
    let mapping = preview.suggested_mapping();
    xinyu_core::roster::check_mapping(&preview, &mapping).map_err(xinyu_core::Error::from)?;
    let rows = xinyu_core::roster::apply_mapping(&preview, &mapping);
    let summary = unlock::unlocked(global, |vault, _| {
        Ok(vault.roster()?.import_students(rows, args.dry_run)?)
    })?;
    if args.json.json {
        output::json(&summary)?;
    } else {
        output::line(format_args!(
            "表头在第 {} 行，编码 {}；新增 {} 名，更新 {} 名，无变化 {} 名 \
             (header on row {}; {} added, {} updated, {} unchanged)",
            preview.header_row,
            preview.encoding,
            summary.added,
            summary.updated,
            summary.unchanged,
            preview.header_row,
            summary.added,
            summary.updated,
            summary.unchanged
        ))?;
        for e in &summary.errors {
            output::line(format_args!(
                "第 {r} 行「{c}」：{} (row {r}, {c}: {})",
                e.problem.zh(),
                e.problem.en(),
                r = e.row,
                c = output::clean(&e.column),
            ))?;
        }
        if summary.committed {
            output::line("已全部导入 (imported)")?;
        } else if summary.errors.is_empty() {
            output::line("试运行：没有写入任何内容 (dry run: nothing written)")?;
        }
    }
    if !summary.errors.is_empty() {
        anyhow::bail!(
            "名单有 {} 处问题，未导入任何学生；请改正后重新导入 \
             ({} problems in the file: nothing was imported)",
            summary.errors.len(),
            summary.errors.len()
        );
    }
    Ok(())
}

/// Move every student in school up one grade; the highest grade graduates.
pub fn rollover(global: &GlobalOpts, dry_run: bool, json: bool) -> Result<()> {
    let summary = unlock::unlocked(global, |vault, _| {
        Ok(vault.roster()?.roll_over_school_year(dry_run)?)
    })?;
    if json {
        return output::json(&summary);
    }
    output::line(format_args!(
        "升级 {} 名，毕业 {} 名（{}），年级无法识别 {} 名 \
         ({} promoted, {} graduated, {} unrecognised grade)",
        summary.promoted,
        summary.graduated,
        summary.graduating_grade.as_deref().unwrap_or("—"),
        summary.unrecognised,
        summary.promoted,
        summary.graduated,
        summary.unrecognised
    ))?;
    if !summary.committed {
        output::line("试运行：没有写入任何内容 (dry run: nothing written)")?;
    }
    Ok(())
}

/// Change one student's status, found by 学号.
pub fn status(global: &GlobalOpts, args: &StudentStatusArgs) -> Result<()> {
    use xinyu_core::roster::StudentStatus as S;
    let status = match args.status.trim() {
        "在读" | "active" => S::Active,
        "休学" | "on_leave" | "leave" => S::OnLeave,
        "转出" | "transferred_out" | "transfer" => S::TransferredOut,
        "毕业" | "graduated" => S::Graduated,
        _ => anyhow::bail!(
            "学籍状态只能是 在读、休学、转出 或 毕业 (status must be 在读, 休学, 转出 or 毕业)"
        ),
    };
    let student = unlock::unlocked(global, |vault, _| {
        let id = vault
            .roster()?
            .students()?
            .into_iter()
            .find(|s| s.student_no == args.student_no.trim())
            .map(|s| s.id)
            .ok_or(xinyu_core::Error::NotFound {
                kind: Kind::Student,
            })?;
        Ok(vault.roster()?.set_student_status(&id, status)?)
    })?;
    output::line(format_args!(
        "学号 {} 的学籍状态已改为 {} (status changed)",
        output::clean(&student.student_no),
        student.status.label()
    ))
}
