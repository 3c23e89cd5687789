//! One-to-one session notes (个体辅导记录) with the fields of the 2015 counseling-room guide.
//! A note is a draft until its author signs it; a signed note, or any note 48 hours after it
//! was written, is locked: later changes are dated addenda by the author, shown under it, never
//! edits. At signing the note's content is hashed, so the original stays verifiable.

use super::Notes;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::Action;
use crate::error::{Deed, Field, Kind, Problem};
use crate::store::sealed::{SESSION_ADDENDA, SESSION_SUMMARIES, SESSIONS};
use crate::vault::{required, stamp};
use crate::{Error, Result, Role};

/// How long a note stays editable when it is not signed.
pub const EDIT_WINDOW_HOURS: i64 = 48;

/// The answer to the risk question (asked about self-harm?).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskAnswer {
    /// 未询问.
    NotAsked,
    /// 已询问，否认.
    Denied,
    /// 有自伤/轻生想法.
    Thoughts,
    /// 有计划.
    Plan,
    /// 有行为.
    Act,
}

impl RiskAnswer {
    /// Whether the answer calls for a warning file and the crisis protocol.
    pub fn indicates_self_harm(self) -> bool {
        matches!(
            self,
            RiskAnswer::Thoughts | RiskAnswer::Plan | RiskAnswer::Act
        )
    }
}

/// A note as written (new or a draft being edited).
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SessionInput {
    /// The student; `None` for an anonymous walk-in.
    #[serde(default)]
    #[ts(optional)]
    pub student_id: Option<String>,
    /// For a walk-in: how the counselor refers to them (e.g. 七年级女生).
    #[serde(default)]
    pub walk_in_label: String,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// When it began (HH:MM:SS).
    #[ts(type = "string")]
    pub start_time: NaiveTime,
    /// Minutes.
    pub duration_minutes: u32,
    /// 当前状况.
    pub current_situation: String,
    /// 主要问题.
    pub main_problem: String,
    /// 评估.
    pub assessment: String,
    /// 分析.
    pub analysis: String,
    /// 对策.
    pub plan: String,
    /// 效果评价.
    pub effect: String,
    /// The risk check.
    pub risk: RiskAnswer,
    /// The next appointment.
    #[serde(default)]
    #[ts(optional, type = "string | null")]
    pub next_appointment: Option<NaiveDateTime>,
}

/// Where a note stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteStatus {
    /// 草稿.
    Draft,
    /// 已签名.
    Signed,
}

/// A note as stored.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SessionNote {
    /// Its id.
    pub id: String,
    /// What was written.
    #[serde(flatten)]
    pub content: SessionInput,
    /// The session's number within the student's sessions (1 for a walk-in).
    pub session_number: u32,
    /// The author (user id).
    pub author_id: String,
    /// Staff it is shared with (user ids).
    #[serde(default)]
    pub shared_with: Vec<String>,
    /// Draft or signed.
    pub status: NoteStatus,
    /// When it was first written (RFC 3339).
    pub written_at: String,
    /// When it was signed (RFC 3339).
    #[serde(default)]
    pub signed_at: Option<String>,
    /// SHA-256 (hex) of the content at signing.
    #[serde(default)]
    pub signed_hash: Option<String>,
}

/// A dated addendum to a locked note.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct Addendum {
    /// Its id.
    pub id: String,
    /// The author (user id).
    pub author_id: String,
    /// When (RFC 3339).
    pub written_at: String,
    /// What is added.
    pub text: String,
}

/// A note as its page shows it.
#[derive(Clone, Serialize, TS)]
pub struct SessionView {
    /// The note.
    pub note: SessionNote,
    /// The author's name.
    pub author_name: String,
    /// The student's name, or the walk-in label.
    pub student_label: String,
    /// Signed, or older than 48 hours: only addenda from now on.
    pub locked: bool,
    /// The signed content still matches its hash (always true for drafts).
    pub intact: bool,
    /// Addenda, oldest first.
    pub addenda: Vec<Addendum>,
    /// The acting user wrote it (may edit a draft, sign, add addenda).
    pub is_author: bool,
}

/// What statistics read of a session (activity key: principals count without reading notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SessionSummary {
    pub date: NaiveDate,
    pub duration_minutes: u32,
    pub counselor_id: String,
    pub student_id: Option<String>,
}

fn content_hash(content: &SessionInput) -> Result<String> {
    let json = serde_json::to_vec(content).map_err(|e| Error::Internal {
        detail: format!("serialize session: {e}"),
    })?;
    let digest = Sha256::digest(zeroize::Zeroizing::new(json).as_slice());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

fn check(input: &SessionInput) -> Result<()> {
    if input.student_id.is_none() {
        required(Field::VisitorLabel, &input.walk_in_label)?;
    }
    if input.duration_minutes == 0 || input.duration_minutes > 480 {
        return Err(Error::Invalid {
            field: Field::Duration,
            problem: Problem::Minutes { min: 1, max: 480 },
        });
    }
    required(Field::MainConcern, &input.main_problem)?;
    Ok(())
}

impl SessionNote {
    /// What statistics read of it, sealed apart under the activity key.
    fn summary(&self) -> SessionSummary {
        SessionSummary {
            date: self.content.date,
            duration_minutes: self.content.duration_minutes,
            counselor_id: self.author_id.clone(),
            student_id: self.content.student_id.clone(),
        }
    }
}

impl Notes<'_> {
    fn is_locked(&self, note: &SessionNote) -> bool {
        note.status == NoteStatus::Signed
            || DateTime::parse_from_rfc3339(&note.written_at).is_ok_and(|w| {
                self.now() - w.with_timezone(&Utc) >= Duration::hours(EDIT_WINDOW_HOURS)
            })
    }

    /// The note `id`, if the acting user may read it (a teacher: their own and shared ones).
    fn read_note(&mut self, id: &str) -> Result<SessionNote> {
        let me = self.require_casework(Deed::ViewNotes)?.user.clone();
        let note: SessionNote = self.load(&SESSIONS, id)?.ok_or(Error::NotFound {
            kind: SESSIONS.kind,
        })?;
        let mine = note.author_id == me.id || note.shared_with.contains(&me.id);
        if me.role == Role::Teacher && !mine {
            return Err(Error::NotFound {
                kind: SESSIONS.kind,
            });
        }
        Ok(note)
    }

    /// Write a new note (a draft). Counselors and teachers; the session number counts the
    /// student's earlier sessions.
    pub fn create_session(&mut self, input: SessionInput) -> Result<SessionNote> {
        let me = self
            .require(&[Role::Counselor, Role::Teacher], Deed::WriteNote)?
            .user
            .id
            .clone();
        self.require_casework(Deed::WriteNote)?;
        check(&input)?;
        if let Some(student) = &input.student_id
            && !self.loaded_students()?.iter().any(|s| &s.id == student)
        {
            return Err(Error::NotFound {
                kind: Kind::Student,
            });
        }
        let session_number = match &input.student_id {
            Some(student) => {
                let earlier: i64 = self
                    .conn
                    .query_row(
                        "SELECT count(*) FROM sessions WHERE student_id = ?1",
                        [student],
                        |r| r.get(0),
                    )
                    .map_err(|e| Error::storage("count sessions", e))?;
                u32::try_from(earlier).unwrap_or(u32::MAX).saturating_add(1)
            }
            None => 1,
        };
        let note = SessionNote {
            id: crate::id::new_id(),
            content: input,
            session_number,
            author_id: me,
            shared_with: Vec::new(),
            status: NoteStatus::Draft,
            written_at: stamp(self.now()),
            signed_at: None,
            signed_hash: None,
        };
        let case = self.new_note_key(note.content.student_id.as_deref(), &note.id)?;
        let w = self.write()?;
        w.insert_case(
            &SESSIONS,
            case,
            &note.id,
            &note,
            &[
                ("student_id", &note.content.student_id),
                ("created_at", &w.at),
                ("updated_at", &w.at),
            ],
        )?;
        w.insert(&SESSION_SUMMARIES, &note.id, &note.summary(), &[])?;
        w.log(Action::Create, "session", &note.id)?;
        w.commit()?;
        Ok(note)
    }

    /// Edit a draft (its author, within 48 hours of writing it).
    pub fn update_session(&mut self, id: &str, input: SessionInput) -> Result<SessionNote> {
        let mut note = self.read_note(id)?;
        if note.author_id != self.user().id {
            return Err(Error::Forbidden {
                role: self.user().role,
                deed: Deed::EditOthersNote,
            });
        }
        if self.is_locked(&note) {
            return Err(Error::Invalid {
                field: Field::Note,
                problem: Problem::NoteLocked,
            });
        }
        check(&input)?;
        if input.student_id != note.content.student_id {
            return Err(Error::Invalid {
                field: Field::Student,
                problem: Problem::OtherStudent,
            });
        }
        note.content = input;
        self.rewrite_note(id, &note)?;
        Ok(note)
    }

    /// Write a changed note and its summary again, logged as one update of the note.
    fn rewrite_note(&mut self, id: &str, note: &SessionNote) -> Result<()> {
        let case = self.row_case_key(&SESSIONS, id)?;
        let w = self.write()?;
        w.update_case(&SESSIONS, case, id, note, &[("updated_at", &w.at)])?;
        w.update(&SESSION_SUMMARIES, id, &note.summary(), &[])?;
        w.log(Action::Update, "session", id)?;
        w.commit()
    }

    /// Sign a draft (its author): from now on it is locked and its content hash is kept.
    pub fn sign_session(&mut self, id: &str) -> Result<SessionNote> {
        let mut note = self.read_note(id)?;
        if note.author_id != self.user().id {
            return Err(Error::Forbidden {
                role: self.user().role,
                deed: Deed::SignForOthers,
            });
        }
        if note.status == NoteStatus::Signed {
            return Ok(note);
        }
        note.status = NoteStatus::Signed;
        note.signed_at = Some(stamp(self.now()));
        note.signed_hash = Some(content_hash(&note.content)?);
        self.rewrite_note(id, &note)?;
        Ok(note)
    }

    /// Share a note with colleagues (its author, or a counselor): they may then read it. Only
    /// counselors and teachers: principals never read notes. Sharing is not an edit, so a
    /// locked note can be shared too.
    pub fn share_session(&mut self, id: &str, with: Vec<String>) -> Result<SessionNote> {
        let mut note = self.read_note(id)?;
        let me = self.user();
        if note.author_id != me.id && me.role != Role::Counselor {
            return Err(Error::Forbidden {
                role: me.role,
                deed: Deed::ShareOthersNote,
            });
        }
        let users = self.users()?;
        let mut shared = Vec::new();
        for user in with {
            let ok = users
                .iter()
                .any(|u| u.id == user && matches!(u.role, Role::Counselor | Role::Teacher));
            if !ok {
                return Err(Error::Invalid {
                    field: Field::SharedWith,
                    problem: Problem::ClinicianOnly,
                });
            }
            if user != note.author_id && !shared.contains(&user) {
                shared.push(user);
            }
        }
        note.shared_with = shared;
        self.rewrite_note(id, &note)?;
        // Readers not on the student's file: the note moves to a key of its own, given to
        // exactly its author and colleagues (and replaced when one of them is taken off).
        self.settle_note(&note)?;
        Ok(note)
    }

    /// Add a dated addendum to a locked note (its author).
    pub fn add_addendum(&mut self, id: &str, text: &str) -> Result<Addendum> {
        let note = self.read_note(id)?;
        if note.author_id != self.user().id {
            return Err(Error::Forbidden {
                role: self.user().role,
                deed: Deed::AddToOthersNote,
            });
        }
        if !self.is_locked(&note) {
            return Err(Error::Invalid {
                field: Field::Addendum,
                problem: Problem::AddendumOnDraft,
            });
        }
        let addendum = Addendum {
            id: crate::id::new_id(),
            author_id: note.author_id,
            written_at: stamp(self.now()),
            text: required(Field::AddendumText, text)?.to_owned(),
        };
        let case = self.row_case_key(&SESSIONS, id)?;
        let w = self.write()?;
        w.insert_case(
            &SESSION_ADDENDA,
            case,
            &addendum.id,
            &addendum,
            &[("session_id", &id), ("created_at", &addendum.written_at)],
        )?;
        w.log(Action::Update, "session", id)?;
        w.commit()?;
        Ok(addendum)
    }

    /// One note with its addenda (logged as a view).
    pub fn session_note(&mut self, id: &str) -> Result<SessionView> {
        let mut note = self.read_note(id)?;
        if let Some(student) = note.content.student_id.clone()
            && let Some(n) = self.numbering(&student)?.get(id)
        {
            note.session_number = *n;
        }
        let view = self.view_of(note)?;
        self.log(Action::View, "session", id)?;
        Ok(view)
    }

    /// The notes the acting user may read, newest first: all for a counselor, their own and
    /// shared ones for a teacher; of one student when `student_id` is given.
    pub fn list_sessions(&mut self, student_id: Option<&str>) -> Result<Vec<SessionView>> {
        let me = self.require_casework(Deed::ViewNotes)?.user.clone();
        let notes: Vec<(String, SessionNote)> = match student_id {
            Some(s) => self.load_all(&SESSIONS, "student_id = ?1", [s])?,
            None => self.load_all(&SESSIONS, "", [])?,
        };
        let mut views = Vec::new();
        let mut numbers: std::collections::HashMap<String, std::collections::HashMap<String, u32>> =
            std::collections::HashMap::new();
        for (id, mut note) in notes {
            let mine = note.author_id == me.id || note.shared_with.contains(&me.id);
            if me.role == Role::Counselor || mine {
                if let Some(student) = note.content.student_id.clone() {
                    if !numbers.contains_key(&student) {
                        let n = self.numbering(&student)?;
                        numbers.insert(student.clone(), n);
                    }
                    if let Some(n) = numbers.get(&student).and_then(|m| m.get(&id)) {
                        note.session_number = *n;
                    }
                }
                views.push(self.view_of(note)?);
            }
        }
        views.sort_by(|a, b| {
            (b.note.content.date, b.note.content.start_time)
                .cmp(&(a.note.content.date, a.note.content.start_time))
        });
        self.log(Action::View, "session_list", student_id.unwrap_or(""))?;
        Ok(views)
    }

    /// 第 N 次: each of a student's sessions numbered by its date (then by when it was written),
    /// from the summaries every counselor and teacher holds — so a note entered late takes its
    /// place, and the numbers after it move up.
    fn numbering(&self, student_id: &str) -> Result<std::collections::HashMap<String, u32>> {
        let mut all: Vec<(String, SessionSummary)> = self.load_all(
            &SESSION_SUMMARIES,
            "id IN (SELECT id FROM sessions WHERE student_id = ?1) ORDER BY rowid",
            [student_id],
        )?;
        all.sort_by_key(|(_, s)| s.date);
        Ok(all
            .into_iter()
            .enumerate()
            .map(|(i, (id, _))| (id, u32::try_from(i + 1).unwrap_or(u32::MAX)))
            .collect())
    }

    fn view_of(&mut self, note: SessionNote) -> Result<SessionView> {
        let users = self.users()?;
        let author_name = users
            .iter()
            .find(|u| u.id == note.author_id)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let student_label = match &note.content.student_id {
            Some(id) => self
                .loaded_students()?
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            None => note.content.walk_in_label.clone(),
        };
        let addenda = self
            .load_all(
                &SESSION_ADDENDA,
                "session_id = ?1 ORDER BY created_at, rowid",
                [&note.id],
            )?
            .into_iter()
            .map(|(_, addendum)| addendum)
            .collect();
        let intact = match &note.signed_hash {
            Some(hash) => &content_hash(&note.content)? == hash,
            None => true,
        };
        Ok(SessionView {
            locked: self.is_locked(&note),
            is_author: note.author_id == self.user().id,
            intact,
            author_name,
            student_label,
            addenda,
            note,
        })
    }

    /// Every session's summary (activity key), for statistics.
    pub(crate) fn session_summaries(&mut self) -> Result<Vec<SessionSummary>> {
        self.require_class(KeyClass::Activity, Deed::ViewFigures)?;
        Ok(self
            .load_all(&SESSION_SUMMARIES, "", [])?
            .into_iter()
            .map(|(_, summary)| summary)
            .collect())
    }
}
