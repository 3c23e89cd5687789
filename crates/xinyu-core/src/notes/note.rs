//! One-to-one session notes (个体辅导记录) with the fields of the 2015 counseling-room guide.
//! A note is a draft until its author signs it; a signed note, or any note 48 hours after it
//! was written, is locked: later changes are dated addenda by the author, shown under it, never
//! edits. At signing the note's content is hashed, so the original stays verifiable.

use super::Notes;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::{self, Action};
use crate::vault::{commit, required, stamp};
use crate::{Error, Result, Role, record};

const TABLE: &str = "sessions";
const SUMMARIES: &str = "session_summaries";
const ADDENDA: &str = "session_addenda";
const KIND: &str = "辅导记录";

/// How long a note stays editable when it is not signed.
pub const EDIT_WINDOW_HOURS: i64 = 48;

/// The answer to the risk question (asked about self-harm?).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskAnswer {
    /// 未询问.
    NotAsked,
    /// 询问，否认.
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
        required("来访者称呼", &input.walk_in_label)?;
    }
    if input.duration_minutes == 0 || input.duration_minutes > 480 {
        return Err(Error::Invalid {
            field: "时长",
            reason: "时长应为 1 到 480 分钟 (duration: 1 to 480 minutes)".into(),
        });
    }
    required("主要问题", &input.main_problem)?;
    Ok(())
}

impl Notes<'_> {
    fn is_locked(&self, note: &SessionNote) -> bool {
        note.status == NoteStatus::Signed
            || DateTime::parse_from_rfc3339(&note.written_at).is_ok_and(|w| {
                self.now() - w.with_timezone(&Utc) >= Duration::hours(EDIT_WINDOW_HOURS)
            })
    }

    fn read_note(&mut self, id: &str) -> Result<SessionNote> {
        let me = self
            .require_class(KeyClass::Notes, "查看辅导记录")?
            .user
            .clone();
        let sealed: Vec<u8> = self
            .conn
            .query_row("SELECT body FROM sessions WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| Error::storage("read session", e))?
            .ok_or(Error::NotFound { kind: KIND })?;
        let keyring = &self.me().keyring;
        let note: SessionNote = record::open(keyring, KIND, TABLE, id, &sealed)?;
        let mine = note.author_id == me.id || note.shared_with.contains(&me.id);
        if me.role == Role::Teacher && !mine {
            return Err(Error::NotFound { kind: KIND });
        }
        Ok(note)
    }

    /// Write a new note (a draft). Counselors and teachers; the session number counts the
    /// student's earlier sessions.
    pub fn create_session(&mut self, input: SessionInput) -> Result<SessionNote> {
        let me = self
            .require(&[Role::Counselor, Role::Teacher], "记录个体辅导")?
            .user
            .clone();
        self.require_class(KeyClass::Notes, "记录个体辅导")?;
        check(&input)?;
        if let Some(student) = &input.student_id
            && !self.loaded_students()?.iter().any(|s| &s.id == student)
        {
            return Err(Error::NotFound { kind: "学生" });
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
        let now = stamp(self.now());
        let note = SessionNote {
            id: crate::id::new_id(),
            content: input,
            session_number,
            author_id: me.id.clone(),
            shared_with: Vec::new(),
            status: NoteStatus::Draft,
            written_at: now.clone(),
            signed_at: None,
            signed_hash: None,
        };
        self.write_note(&note, true, &me.id)?;
        Ok(note)
    }

    /// Edit a draft (its author, within 48 hours of writing it).
    pub fn update_session(&mut self, id: &str, input: SessionInput) -> Result<SessionNote> {
        let me = self.me_mut().user.id.clone();
        let mut note = self.read_note(id)?;
        if note.author_id != me {
            return Err(Error::Forbidden {
                role: self.me_mut().user.role.label(),
                action: "修改他人的辅导记录",
            });
        }
        if self.is_locked(&note) {
            return Err(Error::Invalid {
                field: "辅导记录",
                reason: "记录已签名或已超过 48 小时，不能再修改，请添加补充记录 \
                         (the note is locked: add an addendum instead)"
                    .into(),
            });
        }
        check(&input)?;
        if input.student_id != note.content.student_id {
            return Err(Error::Invalid {
                field: "学生",
                reason: "不能把记录改到另一位学生名下 (a note cannot move to another student)"
                    .into(),
            });
        }
        note.content = input;
        self.write_note(&note, false, &me)?;
        Ok(note)
    }

    /// Sign a draft (its author): from now on it is locked and its content hash is kept.
    pub fn sign_session(&mut self, id: &str) -> Result<SessionNote> {
        let me = self.me_mut().user.id.clone();
        let mut note = self.read_note(id)?;
        if note.author_id != me {
            return Err(Error::Forbidden {
                role: self.me_mut().user.role.label(),
                action: "替他人签名",
            });
        }
        if note.status == NoteStatus::Signed {
            return Ok(note);
        }
        note.status = NoteStatus::Signed;
        note.signed_at = Some(stamp(self.now()));
        note.signed_hash = Some(content_hash(&note.content)?);
        self.write_note(&note, false, &me)?;
        Ok(note)
    }

    /// Share a note with colleagues (its author, or a counselor): they may then read it. Only
    /// counselors and teachers: principals never read notes. Sharing is not an edit, so a
    /// locked note can be shared too.
    pub fn share_session(&mut self, id: &str, with: Vec<String>) -> Result<SessionNote> {
        let me = self.me_mut().user.clone();
        let mut note = self.read_note(id)?;
        if note.author_id != me.id && me.role != Role::Counselor {
            return Err(Error::Forbidden {
                role: me.role.label(),
                action: "共享他人的辅导记录",
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
                    field: "共享给",
                    reason: "只能共享给心理教师，校长不阅读辅导记录 \
                             (share with counselors or teachers only)"
                        .into(),
                });
            }
            if user != note.author_id && !shared.contains(&user) {
                shared.push(user);
            }
        }
        note.shared_with = shared;
        self.write_note(&note, false, &me.id)?;
        Ok(note)
    }

    /// Add a dated addendum to a locked note (its author).
    pub fn add_addendum(&mut self, id: &str, text: &str) -> Result<Addendum> {
        let me = self.me_mut().user.id.clone();
        let note = self.read_note(id)?;
        if note.author_id != me {
            return Err(Error::Forbidden {
                role: self.me_mut().user.role.label(),
                action: "为他人的记录添加补充",
            });
        }
        if !self.is_locked(&note) {
            return Err(Error::Invalid {
                field: "补充记录",
                reason: "草稿可以直接修改；签名后才需要补充记录 \
                         (a draft can still be edited: addenda are for locked notes)"
                    .into(),
            });
        }
        let text = required("补充内容", text)?.to_owned();
        let now = stamp(self.now());
        let addendum = Addendum {
            id: crate::id::new_id(),
            author_id: me.clone(),
            written_at: now.clone(),
            text,
        };
        let keyring = &self.me().keyring;
        let body = record::seal(keyring, KeyClass::Notes, ADDENDA, &addendum.id, &addendum)?;
        let version = crate::meta::key_version(&self.conn, KeyClass::Notes)?.0;
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO session_addenda (id, session_id, key_version, body, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![addendum.id, id, version, body, now],
        )
        .map_err(|e| Error::storage("write addendum", e))?;
        access_log::append(&tx, &now, Some(&me), Action::Update, Some(("session", id)))?;
        commit(tx)?;
        Ok(addendum)
    }

    /// One note with its addenda (logged as a view).
    pub fn session_note(&mut self, id: &str) -> Result<SessionView> {
        let note = self.read_note(id)?;
        let view = self.view_of(note)?;
        let me = self.me_mut().user.id.clone();
        access_log::append(
            &self.conn,
            &stamp(self.now()),
            Some(&me),
            Action::View,
            Some(("session", id)),
        )?;
        Ok(view)
    }

    /// The notes the acting user may read, newest first: all for a counselor, their own and
    /// shared ones for a teacher; of one student when `student_id` is given.
    pub fn list_sessions(&mut self, student_id: Option<&str>) -> Result<Vec<SessionView>> {
        let me = self
            .require_class(KeyClass::Notes, "查看辅导记录")?
            .user
            .clone();
        let rows = match student_id {
            Some(s) => record::sealed_rows(
                &self.conn,
                "read sessions",
                "SELECT id, body FROM sessions WHERE student_id = ?1",
                [s],
            )?,
            None => record::sealed_rows(
                &self.conn,
                "read sessions",
                "SELECT id, body FROM sessions",
                [],
            )?,
        };
        let keyring = &self.me().keyring;
        let notes = rows
            .iter()
            .map(|(id, sealed)| record::open(keyring, KIND, TABLE, id, sealed))
            .collect::<Result<Vec<SessionNote>>>()?;
        let mut views = Vec::new();
        for note in notes {
            let mine = note.author_id == me.id || note.shared_with.contains(&me.id);
            if me.role == Role::Counselor || mine {
                views.push(self.view_of(note)?);
            }
        }
        views.sort_by(|a, b| {
            (b.note.content.date, b.note.content.start_time)
                .cmp(&(a.note.content.date, a.note.content.start_time))
        });
        access_log::append(
            &self.conn,
            &stamp(self.now()),
            Some(&me.id),
            Action::View,
            Some(("session_list", student_id.unwrap_or(""))),
        )?;
        Ok(views)
    }

    fn view_of(&mut self, note: SessionNote) -> Result<SessionView> {
        let me = self.me_mut().user.id.clone();
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
        let rows = record::sealed_rows(
            &self.conn,
            "read addenda",
            "SELECT id, body FROM session_addenda WHERE session_id = ?1 ORDER BY created_at, rowid",
            [&note.id],
        )?;
        let keyring = &self.me().keyring;
        let addenda = rows
            .iter()
            .map(|(id, sealed)| record::open(keyring, "补充记录", ADDENDA, id, sealed))
            .collect::<Result<Vec<Addendum>>>()?;
        let intact = match &note.signed_hash {
            Some(hash) => &content_hash(&note.content)? == hash,
            None => true,
        };
        Ok(SessionView {
            locked: self.is_locked(&note),
            is_author: note.author_id == me,
            intact,
            author_name,
            student_label,
            addenda,
            note,
        })
    }

    fn write_note(&mut self, note: &SessionNote, new: bool, actor: &str) -> Result<()> {
        let summary = SessionSummary {
            date: note.content.date,
            duration_minutes: note.content.duration_minutes,
            counselor_id: note.author_id.clone(),
            student_id: note.content.student_id.clone(),
        };
        let keyring = &self.me().keyring;
        let body = record::seal(keyring, KeyClass::Notes, TABLE, &note.id, note)?;
        let sealed_summary =
            record::seal(keyring, KeyClass::Activity, SUMMARIES, &note.id, &summary)?;
        let notes_version = crate::meta::key_version(&self.conn, KeyClass::Notes)?.0;
        let activity_version = crate::meta::key_version(&self.conn, KeyClass::Activity)?.0;
        let now = stamp(self.now());
        let storage = |e| Error::storage("write session", e);
        let tx = self.tx()?;
        if new {
            tx.execute(
                "INSERT INTO sessions (id, student_id, key_version, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![note.id, note.content.student_id, notes_version, body, now],
            )
            .map_err(storage)?;
            tx.execute(
                "INSERT INTO session_summaries (id, key_version, body) VALUES (?1, ?2, ?3)",
                params![note.id, activity_version, sealed_summary],
            )
            .map_err(storage)?;
        } else {
            tx.execute(
                "UPDATE sessions SET key_version = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![note.id, notes_version, body, now],
            )
            .map_err(storage)?;
            tx.execute(
                "UPDATE session_summaries SET key_version = ?2, body = ?3 WHERE id = ?1",
                params![note.id, activity_version, sealed_summary],
            )
            .map_err(storage)?;
        }
        let action = if new { Action::Create } else { Action::Update };
        access_log::append(&tx, &now, Some(actor), action, Some(("session", &note.id)))?;
        commit(tx)
    }

    /// Every session's summary (activity key), for statistics.
    pub(crate) fn session_summaries(&mut self) -> Result<Vec<SessionSummary>> {
        self.require_class(KeyClass::Activity, "查看工作统计")?;
        let rows = record::sealed_rows(
            &self.conn,
            "read session summaries",
            "SELECT id, body FROM session_summaries",
            [],
        )?;
        let keyring = &self.me().keyring;
        rows.iter()
            .map(|(id, sealed)| record::open(keyring, "辅导记录摘要", SUMMARIES, id, sealed))
            .collect()
    }
}
