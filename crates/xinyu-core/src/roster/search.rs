//! The roster as the search index sees it: a [`Student`] becomes a [`SearchEntry`] (the index
//! itself is `xinyu-search`, which knows nothing of students).

use xinyu_search::SearchEntry;

use crate::Student;

impl From<&Student> for SearchEntry {
    fn from(s: &Student) -> Self {
        SearchEntry::new(
            s.id.clone(),
            s.student_no.clone(),
            s.name.clone(),
            s.grade.clone(),
            s.class_name.clone(),
        )
    }
}

impl From<Student> for SearchEntry {
    fn from(s: Student) -> Self {
        SearchEntry::new(s.id, s.student_no, s.name, s.grade, s.class_name)
    }
}

#[cfg(test)]
mod tests {
    use xinyu_search::SearchIndex;

    use super::*;

    #[test]
    fn students_convert_into_entries() {
        let student = Student {
            id: "s".into(),
            student_no: "2024001".into(),
            name: "张三".into(),
            grade: "七年级".into(),
            class_name: "3班".into(),
            gender: None,
            date_of_birth: None,
            enrollment_year: None,
            homeroom_teacher: None,
            guardians: Vec::new(),
            status: crate::StudentStatus::Active,
        };
        let index = SearchIndex::build([SearchEntry::from(&student), student.into()]);
        assert_eq!(index.len(), 1);
        let hits = index.search("zs", 50);
        assert_eq!(hits[0].id, "s");
    }
}
