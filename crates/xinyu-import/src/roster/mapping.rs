//! Applying the counselor's column mapping: each row becomes a validated `StudentRecord` or the
//! list of its `CellError`s, and rows sharing a 学号 are found.

use std::collections::HashMap;

use super::header::kinship;
use super::values;
use super::{
    CellError, Guardian, RosterError, RosterField, RosterPreview, RosterRow, StudentRecord,
    StudentStatus,
};
use crate::CellProblem as Problem;

/// Check a mapping before applying it: every column exists, a one-per-student field has one
/// column, and 学号, 姓名 and 班级 are mapped (年级 may come from the class, as in `七年级3班`).
pub fn check_mapping(
    preview: &RosterPreview,
    mapping: &[(usize, RosterField)],
) -> Result<(), RosterError> {
    if let Some(&(index, _)) = mapping.iter().find(|(i, _)| *i >= preview.columns.len()) {
        return Err(RosterError::NoSuchColumn { index });
    }
    for field in RosterField::ALL.iter().filter(|f| !f.repeatable()) {
        if mapping.iter().filter(|(_, f)| f == field).count() > 1 {
            return Err(RosterError::DuplicateColumn { field: *field });
        }
    }
    for field in [
        RosterField::StudentNo,
        RosterField::Name,
        RosterField::ClassName,
    ] {
        if !mapping.iter().any(|(_, f)| *f == field) {
            return Err(RosterError::MissingColumn { field });
        }
    }
    Ok(())
}

/// Turn every non-blank row into a [`StudentRecord`], or into the [`CellError`]s that stop it;
/// results are in row order. A row whose mapped cells are all empty is skipped.
///
/// `mapping` is `(column index, field)`; a one-per-student field mapped twice uses its first
/// column, and a column index outside the preview is ignored ([`check_mapping`] reports both).
pub fn apply_mapping(
    preview: &RosterPreview,
    mapping: &[(usize, RosterField)],
) -> Vec<Result<StudentRecord, Vec<CellError>>> {
    let columns = Columns::new(preview, mapping);
    preview
        .rows
        .iter()
        .filter(|row| columns.any_value(row))
        .map(|row| columns.record(row))
        .collect()
}

/// Pairs `(first row, later row)` of records that share a 学号, in file order; a 学号 found
/// three times gives two pairs with the same first row.
pub fn find_duplicates<'a>(
    records: impl IntoIterator<Item = &'a StudentRecord>,
) -> Vec<(usize, usize)> {
    duplicate_student_nos(records.into_iter().map(|r| (r.row, r.student_no.as_str())))
}

/// [`find_duplicates`] over `(row, 学号)` pairs, for records of another shape.
pub fn duplicate_student_nos<'a>(
    rows: impl IntoIterator<Item = (usize, &'a str)>,
) -> Vec<(usize, usize)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (row, student_no) in rows {
        match first.get(student_no) {
            Some(&earlier) => pairs.push((earlier, row)),
            None => {
                first.insert(student_no, row);
            }
        }
    }
    pairs
}

/// One guardian's columns.
#[derive(Debug, Default)]
struct GuardianColumns {
    name: Option<usize>,
    relation: Option<usize>,
    phone: Option<usize>,
    /// The relation the headers imply (`父亲姓名` → 父亲).
    kinship: Option<&'static str>,
}

/// The mapping resolved against the preview's columns.
struct Columns<'p> {
    headers: Vec<&'p str>,
    single: HashMap<RosterField, usize>,
    guardians: Vec<GuardianColumns>,
    /// The valid `(column, field)` pairs, in column order.
    mapping: Vec<(usize, RosterField)>,
}

impl<'p> Columns<'p> {
    fn new(preview: &'p RosterPreview, mapping: &[(usize, RosterField)]) -> Self {
        let headers: Vec<&str> = preview.columns.iter().map(|c| c.header.as_str()).collect();
        let mut valid: Vec<(usize, RosterField)> = mapping
            .iter()
            .copied()
            .filter(|(i, _)| *i < headers.len())
            .collect();
        let mut single = HashMap::new();
        for &(i, f) in valid.iter().filter(|(_, f)| !f.repeatable()) {
            single.entry(f).or_insert(i);
        }
        // Guardians in column order: a second name, relation or phone starts the next guardian.
        valid.sort_by_key(|(i, _)| *i);
        let mut guardians: Vec<GuardianColumns> = Vec::new();
        for &(i, f) in valid.iter().filter(|(_, f)| f.repeatable()) {
            let needs_new = guardians.last().is_none_or(|g| match f {
                RosterField::GuardianName => g.name.is_some(),
                RosterField::GuardianRelation => g.relation.is_some(),
                _ => g.phone.is_some(),
            });
            if needs_new {
                guardians.push(GuardianColumns::default());
            }
            if let Some(g) = guardians.last_mut() {
                match f {
                    RosterField::GuardianName => g.name = Some(i),
                    RosterField::GuardianRelation => g.relation = Some(i),
                    _ => g.phone = Some(i),
                }
                if g.kinship.is_none() {
                    g.kinship = headers.get(i).and_then(|h| kinship(h));
                }
            }
        }
        Columns {
            headers,
            single,
            guardians,
            mapping: valid,
        }
    }

    fn any_value(&self, row: &RosterRow) -> bool {
        self.mapping
            .iter()
            .any(|&(i, _)| row.values.get(i).is_some_and(|v| !v.is_empty()))
    }

    fn value<'r>(&self, row: &'r RosterRow, field: RosterField) -> &'r str {
        self.single
            .get(&field)
            .and_then(|&i| row.values.get(i))
            .map_or("", String::as_str)
    }

    /// The column's header as in the file, or the field's name when it is unmapped or blank.
    fn header(&self, field: RosterField) -> String {
        self.single
            .get(&field)
            .and_then(|&i| self.headers.get(i))
            .filter(|h| !h.is_empty())
            .map_or_else(|| field.label().to_owned(), |h| (*h).to_owned())
    }

    fn record(&self, row: &RosterRow) -> Result<StudentRecord, Vec<CellError>> {
        let mut errors = Vec::new();
        // One error per cell: the first found (a formula error before anything else).
        let mut check = |field: RosterField, column: Option<String>, problem: Problem| {
            let column = column.unwrap_or_else(|| self.header(field));
            if errors.iter().any(|e: &CellError| e.column == column) {
                return;
            }
            errors.push(CellError::new(row.row, column, problem));
        };
        use RosterField as F;

        for &(i, field) in &self.mapping {
            if row
                .values
                .get(i)
                .is_some_and(|v| values::is_formula_error(v))
            {
                let column = self
                    .headers
                    .get(i)
                    .filter(|h| !h.is_empty())
                    .map(|h| (*h).to_owned());
                check(field, column, Problem::FormulaError);
            }
        }

        let student_no = values::student_no(self.value(row, F::StudentNo))
            .map_err(|p| check(F::StudentNo, None, p))
            .ok();
        let name = Some(values::name(self.value(row, F::Name)))
            .filter(|n| !n.is_empty())
            .or_else(|| {
                check(F::Name, None, Problem::Missing { field: F::Name });
                None
            });
        let gender = values::gender(self.value(row, F::Gender))
            .map_err(|p| check(F::Gender, None, p))
            .ok()
            .flatten();
        let date_of_birth = values::date(self.value(row, F::DateOfBirth))
            .map_err(|p| check(F::DateOfBirth, None, p))
            .ok()
            .flatten();
        let (grade, class_name) = {
            let grade = values::clean_cell(self.value(row, F::Grade));
            let class = values::clean_cell(self.value(row, F::ClassName));
            if class.is_empty() {
                check(
                    F::ClassName,
                    None,
                    Problem::Missing {
                        field: F::ClassName,
                    },
                );
            }
            match (grade.is_empty(), values::split_grade(&class)) {
                (true, Some((g, c))) => (Some(g), Some(c)),
                (true, None) if self.single.contains_key(&F::Grade) || class.is_empty() => {
                    check(F::Grade, None, Problem::Missing { field: F::Grade });
                    (None, None)
                }
                (true, None) => {
                    check(F::ClassName, None, Problem::NoGrade);
                    (None, None)
                }
                // `七年级` with `七年级3班`: keep the class part.
                (false, _) => {
                    let rest = class
                        .strip_prefix(grade.as_str())
                        .filter(|r| !r.trim().is_empty());
                    let class = values::class_name(rest.unwrap_or(&class));
                    (Some(grade), (!class.is_empty()).then_some(class))
                }
            }
        };
        let enrollment_year = values::enrollment_year(self.value(row, F::EnrollmentYear))
            .map_err(|p| check(F::EnrollmentYear, None, p))
            .ok()
            .flatten();
        let homeroom_teacher =
            Some(values::name(self.value(row, F::HomeroomTeacher))).filter(|t| !t.is_empty());
        let status = values::status(self.value(row, F::Status))
            .map_err(|p| check(F::Status, None, p))
            .unwrap_or(StudentStatus::Active);

        let mut guardians = Vec::new();
        for g in &self.guardians {
            let cell =
                |i: Option<usize>| i.and_then(|i| row.values.get(i)).map_or("", String::as_str);
            let column = |i: Option<usize>| {
                i.and_then(|i| self.headers.get(i))
                    .map(|h| (*h).to_owned())
                    .filter(|h| !h.is_empty())
            };
            let name = Some(values::name(cell(g.name))).filter(|n| !n.is_empty());
            let relation = Some(values::clean_cell(cell(g.relation))).filter(|r| !r.is_empty());
            let phone = values::phone(cell(g.phone))
                .map_err(|p| check(F::GuardianPhone, column(g.phone), p))
                .ok()
                .flatten();
            if name.is_some() || relation.is_some() || phone.is_some() {
                guardians.push(Guardian {
                    relation: relation.or_else(|| g.kinship.map(str::to_owned)),
                    name,
                    phone,
                });
            }
        }

        match (student_no, name, grade, class_name) {
            (Some(student_no), Some(name), Some(grade), Some(class_name)) if errors.is_empty() => {
                Ok(StudentRecord {
                    row: row.row,
                    student_no,
                    name,
                    gender,
                    date_of_birth,
                    grade,
                    class_name,
                    enrollment_year,
                    homeroom_teacher,
                    guardians,
                    status,
                })
            }
            _ => Err(errors),
        }
    }
}
