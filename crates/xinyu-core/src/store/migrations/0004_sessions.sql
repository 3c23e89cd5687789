-- 0004: one-to-one session notes (个体辅导记录) with their addenda, and the counseling room's work
-- log (group sessions, hotline referrals, trainings, activities). Append-only.

-- A note: everything in `body`, sealed with the notes key (never granted to principals).
-- `student_id` is NULL for an anonymous walk-in.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    student_id  TEXT REFERENCES students(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- What the annual figures count of a session (day, minutes, counselor, student id), sealed with
-- the activity key, so a principal's statistics never need the notes key.
CREATE TABLE session_summaries (
    id          TEXT PRIMARY KEY REFERENCES sessions(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL
) STRICT;

-- Dated addenda to a locked note, by its author; a locked note itself is never rewritten.
CREATE TABLE session_addenda (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX session_addenda_by_session ON session_addenda(session_id);

-- Group sessions, hotline referrals, trainings and activities; the kind is inside `body`.
CREATE TABLE work_log (
    id          TEXT PRIMARY KEY,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
