//! Who holds a case's key, kept in step with who works on the case.
//!
//! A student's casework (files, events, 一生一策) and the notes about them are sealed under
//! the student's case key. The counselors hold every case key (through the casework drop key);
//! a teacher holds the key of a student whose file they own or share. A note whose author or
//! colleagues are not all on the student's file — a teacher's walk-in, a note shared on its
//! own — is kept under a key of its own, given to exactly those people. When someone leaves a
//! case (unsharing, reassigning, a disabled account) the case gets a new key, its rows are
//! re-sealed under it, and the old key is deleted.

use xinyu_vault::{KeyClass, KeyVersion};

use crate::notes::SessionNote;
use crate::store::access_log::Action;
use crate::store::case_keys;
use crate::store::sealed::{
    CASE_EVENTS, SESSION_ADDENDA, SESSIONS, SUPPORT_PLANS, SealedTable, WARNING_FILES,
};
use crate::vault::{Unlocked, directory, stamp};
use crate::{Error, Result, Role};

/// The tables whose rows are sealed under case keys.
const CASE_TABLES: [&SealedTable; 5] = [
    &WARNING_FILES,
    &CASE_EVENTS,
    &SUPPORT_PLANS,
    &SESSIONS,
    &SESSION_ADDENDA,
];

/// The first column of what `sql` selects, as text (ids); `operation` names a failed read.
fn strings(
    conn: &rusqlite::Connection,
    operation: &'static str,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare(sql)
        .map_err(|e| Error::storage(operation, e))?;
    stmt.query_map(params, |r| r.get::<_, String>(0))
        .map_err(|e| Error::storage(operation, e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage(operation, e))
}

fn begin(conn: &rusqlite::Connection) -> Result<rusqlite::Transaction<'_>> {
    rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| Error::storage("begin transaction", e))
}

impl Unlocked<'_> {
    /// Whether the acting user opens every case (a counselor, through the drop key).
    pub(crate) fn opens_every_case(&self) -> bool {
        self.holds(KeyClass::Casework)
    }

    /// The teachers (user ids) who work on a student's files: owners and colleagues of any of
    /// them, open or closed. Counselors are not listed: they hold every case.
    fn case_colleagues(&mut self, student_id: &str) -> Result<Vec<String>> {
        let teachers: Vec<String> = self
            .users()?
            .into_iter()
            .filter(|u| u.role == Role::Teacher)
            .map(|u| u.id)
            .collect();
        let mut out = Vec::new();
        for file in self.casework().student_files(student_id)? {
            for id in std::iter::once(&file.owner_id).chain(&file.shared_with) {
                if teachers.contains(id) && !out.contains(id) {
                    out.push(id.clone());
                }
            }
        }
        Ok(out)
    }

    /// The identities to give a case key to, for these users: active accounts, and — when the
    /// acting user can tell (a counselor) — only those whose directory entry is vouched for.
    fn identities(&self, users: &[String]) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for user in users {
            let Ok(entry) = directory::entry(self.conn, user) else {
                continue;
            };
            let active = entry.status() == Some(directory::AccountStatus::Active);
            let trusted = !self.holds(KeyClass::Integrity) || entry.vouched(&self.state.keyring);
            if active && trusted && !out.contains(&entry.identity_id) {
                out.push(entry.identity_id);
            }
        }
        Ok(out)
    }

    fn new_case_key(&mut self, subject: &str, grantees: &[String]) -> Result<KeyVersion> {
        let at = stamp(self.now());
        let tx = begin(self.conn)?;
        let key = case_keys::create(&tx, &mut self.state.keyring, subject, grantees, &at)?;
        tx.commit().map_err(|e| Error::storage("commit", e))?;
        Ok(key)
    }

    /// The key to seal a student's casework under: the student's case key (a counselor makes
    /// it when there is none; a teacher must hold it).
    pub(crate) fn student_case_key(&mut self, student_id: &str) -> Result<KeyVersion> {
        let subject = case_keys::student(student_id);
        if let Some(key) = case_keys::current(self.conn, &self.state.keyring, &subject)? {
            return Ok(key);
        }
        if !self.opens_every_case() {
            return Err(Error::KeysPending);
        }
        let colleagues = self.case_colleagues(student_id)?;
        let grantees = self.identities(&colleagues)?;
        self.new_case_key(&subject, &grantees)
    }

    /// The key for a new note by the acting user: the student's case key when they hold it (or,
    /// a counselor, make it); otherwise a key of the note's own, for its author and the
    /// counselors.
    pub(crate) fn new_note_key(
        &mut self,
        student_id: Option<&str>,
        note_id: &str,
    ) -> Result<KeyVersion> {
        if let Some(student) = student_id {
            let subject = case_keys::student(student);
            if let Some(key) = case_keys::current(self.conn, &self.state.keyring, &subject)? {
                return Ok(key);
            }
            if self.opens_every_case() {
                return self.student_case_key(student);
            }
        }
        let me = self.user().id.clone();
        let grantees = match self.opens_every_case() {
            true => Vec::new(),
            false => self.identities(&[me])?,
        };
        self.new_case_key(&case_keys::note(note_id), &grantees)
    }

    /// The case key a row is sealed under now.
    pub(crate) fn row_case_key(&self, table: &SealedTable, id: &str) -> Result<KeyVersion> {
        let body: Vec<u8> = self
            .conn
            .query_row(
                &format!("SELECT body FROM {} WHERE id = ?1", table.name),
                [id],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage(table.read, e))?;
        case_keys::row_key(&body).ok_or(Error::StaleKeys)
    }

    /// After a file's owner or colleagues changed (a counselor): give the student's key to
    /// whoever joined; when someone left, replace the key, re-seal the student's rows under the
    /// new one, and move the notes of those who left to keys of their own.
    pub(crate) fn settle_student(&mut self, student_id: &str) -> Result<()> {
        if !self.opens_every_case() {
            return Ok(());
        }
        let subject = case_keys::student(student_id);
        let colleagues = self.case_colleagues(student_id)?;
        let wanted = self.identities(&colleagues)?;
        if let Some(current) = case_keys::current(self.conn, &self.state.keyring, &subject)? {
            let granted = case_keys::grantees(self.conn, current)?;
            if granted.iter().all(|g| wanted.contains(g)) {
                let tx = begin(self.conn)?;
                for id in wanted.iter().filter(|w| !granted.contains(w)) {
                    case_keys::grant(&tx, &self.state.keyring, current, id)?;
                }
                tx.commit().map_err(|e| Error::storage("commit", e))?;
            } else {
                self.replace_key(&subject, &wanted)?;
            }
        }
        let notes: Vec<(String, SessionNote)> =
            self.load_all(&SESSIONS, "student_id = ?1", [student_id])?;
        for (_, note) in notes {
            self.settle_note_with(&note, &colleagues)?;
        }
        Ok(())
    }

    /// Replace `subject`'s key with a new one given to `grantees`, re-seal every row under the
    /// old keys (one write, so the tables' digests follow), and delete them.
    fn replace_key(&mut self, subject: &str, grantees: &[String]) -> Result<KeyVersion> {
        let old = case_keys::keys_of(self.conn, subject)?;
        let new = self.new_case_key(subject, grantees)?;
        let w = self.write()?;
        for table in CASE_TABLES {
            for id in case_keys::rows_under(&w.tx, table, &old)? {
                w.reseal_case(table, &id, new)?;
            }
        }
        let retired = case_keys::retire(&w.tx, subject, new)?;
        w.log(Action::Update, "case_key", subject)?;
        w.commit()?;
        for key in retired {
            self.state.keyring.remove(KeyClass::Case, key);
        }
        Ok(new)
    }

    /// After a note was shared or unshared (its author or a counselor).
    pub(crate) fn settle_note(&mut self, note: &SessionNote) -> Result<()> {
        let colleagues = match &note.content.student_id {
            Some(s) => self.case_colleagues(s)?,
            None => Vec::new(),
        };
        self.settle_note_with(note, &colleagues)
    }

    /// A note stays under its student's key while everyone (besides counselors) who reads it
    /// works on that student's file; otherwise it is kept under a key of its own given to
    /// exactly its author and colleagues.
    fn settle_note_with(&mut self, note: &SessionNote, colleagues: &[String]) -> Result<()> {
        let teachers: Vec<String> = self
            .users()?
            .into_iter()
            .filter(|u| u.role == Role::Teacher)
            .map(|u| u.id)
            .collect();
        let readers: Vec<String> = std::iter::once(&note.author_id)
            .chain(&note.shared_with)
            .filter(|u| teachers.contains(u))
            .cloned()
            .collect();
        let Ok(now) = self.row_case_key(&SESSIONS, &note.id) else {
            return Ok(());
        };
        let now_subject = case_keys::subject_of(self.conn, now)?;
        let on_student_key = note
            .content
            .student_id
            .as_deref()
            .is_some_and(|s| now_subject.as_deref() == Some(case_keys::student(s).as_str()));
        let fits_student =
            note.content.student_id.is_some() && readers.iter().all(|r| colleagues.contains(r));
        if on_student_key && fits_student {
            return Ok(());
        }
        let own = case_keys::note(&note.id);
        let wanted = self.identities(&readers)?;
        if now_subject.as_deref() == Some(own.as_str()) {
            let granted = case_keys::grantees(self.conn, now)?;
            if granted.iter().all(|g| wanted.contains(g)) {
                let tx = begin(self.conn)?;
                for id in wanted.iter().filter(|w| !granted.contains(w)) {
                    case_keys::grant(&tx, &self.state.keyring, now, id)?;
                }
                tx.commit().map_err(|e| Error::storage("commit", e))?;
                return Ok(());
            }
            self.replace_key(&own, &wanted)?;
            return Ok(());
        }
        // Under the student's key with a reader who is not on the file: the note (and its
        // addenda) moves to a key of its own.
        let new = self.new_case_key(&own, &wanted)?;
        self.move_note(&note.id, new)
    }

    /// Re-seal a note and its addenda under case key `to`, in one write.
    fn move_note(&mut self, note_id: &str, to: KeyVersion) -> Result<()> {
        let w = self.write()?;
        w.reseal_case(&SESSIONS, note_id, to)?;
        let addenda = strings(
            &w.tx,
            SESSION_ADDENDA.read,
            "SELECT id FROM session_addenda WHERE session_id = ?1",
            &[&note_id],
        )?;
        for id in addenda {
            w.reseal_case(&SESSION_ADDENDA, &id, to)?;
        }
        w.log(Action::Update, "session", note_id)?;
        w.commit()
    }

    /// A vault from before per-case keys (at a counselor's unlock, resumable): every casework
    /// and notes row still under the casework or notes class key moves under its case's key,
    /// each student in its own transaction; then teachers' copies of those class keys are
    /// deleted. (A teacher who kept a copy of the file from before still opens what it held
    /// then; a rekey retires the old class keys for everything written since.)
    pub(crate) fn move_to_case_keys(&mut self) -> Result<()> {
        if !self.opens_every_case() || !self.holds(KeyClass::Notes) {
            return Ok(());
        }
        let legacy = |table: &SealedTable| {
            format!(
                "SELECT id FROM {} WHERE substr(body, 4, 1) != x'09'",
                table.name
            )
        };
        let ids = |conn: &rusqlite::Connection, sql: &str, p: &[&dyn rusqlite::ToSql]| {
            strings(conn, "read records", sql, p)
        };
        let mut any = false;
        for table in CASE_TABLES {
            any |= !ids(self.conn, &legacy(table), &[])?.is_empty();
        }
        if !any {
            return Ok(());
        }
        tracing::info!("moving casework and notes under per-case keys");
        // Students with casework under a class key.
        let students = ids(
            self.conn,
            "SELECT student_id FROM warning_files WHERE substr(body, 4, 1) != x'09'
             UNION SELECT student_id FROM support_plans WHERE substr(body, 4, 1) != x'09'
             UNION SELECT w.student_id FROM case_events e JOIN warning_files w ON w.id = e.file_id
                   WHERE substr(e.body, 4, 1) != x'09'",
            &[],
        )?;
        for student in students {
            let case = self.student_case_key(&student)?;
            let w = self.write()?;
            for id in ids(
                &w.tx,
                "SELECT id FROM warning_files WHERE student_id = ?1 AND substr(body, 4, 1) != x'09'",
                &[&student],
            )? {
                w.reseal_case(&WARNING_FILES, &id, case)?;
            }
            for id in ids(
                &w.tx,
                "SELECT e.id FROM case_events e JOIN warning_files w ON w.id = e.file_id
                 WHERE w.student_id = ?1 AND substr(e.body, 4, 1) != x'09'",
                &[&student],
            )? {
                w.reseal_case(&CASE_EVENTS, &id, case)?;
            }
            for id in ids(
                &w.tx,
                "SELECT id FROM support_plans WHERE student_id = ?1 AND substr(body, 4, 1) != x'09'",
                &[&student],
            )? {
                w.reseal_case(&SUPPORT_PLANS, &id, case)?;
            }
            w.log(Action::Update, "case_key", &case_keys::student(&student))?;
            w.commit()?;
        }
        // Notes (with their addenda): under the student's key, or a key of their own when a
        // reader is not on the student's file.
        for id in ids(self.conn, &legacy(&SESSIONS), &[])? {
            let Some(note) = self.load::<SessionNote>(&SESSIONS, &id)? else {
                continue;
            };
            let case = match &note.content.student_id {
                Some(s) => self.student_case_key(s)?,
                None => {
                    let readers: Vec<String> = std::iter::once(&note.author_id)
                        .chain(&note.shared_with)
                        .cloned()
                        .collect();
                    let teachers: Vec<String> = self
                        .users()?
                        .into_iter()
                        .filter(|u| u.role == Role::Teacher && readers.contains(&u.id))
                        .map(|u| u.id)
                        .collect();
                    let grantees = self.identities(&teachers)?;
                    self.new_case_key(&case_keys::note(&id), &grantees)?
                }
            };
            self.move_note(&id, case)?;
            self.settle_note(&note)?;
        }
        let tx = begin(self.conn)?;
        tx.execute(
            "DELETE FROM key_grants WHERE class IN (?1, ?2)
             AND identity_id IN (SELECT identity_id FROM users WHERE role = 'teacher')",
            rusqlite::params![KeyClass::Casework.code(), KeyClass::Notes.code()],
        )
        .map_err(|e| Error::storage("retire teachers' class keys", e))?;
        crate::store::access_log::append(
            &tx,
            &stamp(self.now()),
            Some(&self.user().id),
            crate::store::access_log::Action::Update,
            Some(("case_keys", "moved")),
        )?;
        tx.commit().map_err(|e| Error::storage("commit", e))?;
        Ok(())
    }

    /// Part of a rekey: every case whose key is granted to an identity that may no longer hold
    /// it (a disabled or removed account, or one whose directory entry no longer verifies)
    /// gets a new key without it. Returns how many cases.
    pub(crate) fn retire_departed(&mut self) -> Result<usize> {
        let granted = strings(
            self.conn,
            "read case grants",
            "SELECT DISTINCT identity_id FROM case_grants",
            &[],
        )?;
        let users = strings(self.conn, "read users", "SELECT id FROM users", &[])?;
        let trusted = self.identities(&users)?;
        let departed: Vec<String> = granted
            .into_iter()
            .filter(|g| !trusted.contains(g))
            .collect();
        let subjects = case_keys::subjects_granted_to(self.conn, &departed)?;
        for subject in &subjects {
            let Some(current) = case_keys::current(self.conn, &self.state.keyring, subject)? else {
                continue;
            };
            let keep: Vec<String> = case_keys::grantees(self.conn, current)?
                .into_iter()
                .filter(|g| trusted.contains(g))
                .collect();
            self.replace_key(subject, &keep)?;
        }
        Ok(subjects.len())
    }
}
