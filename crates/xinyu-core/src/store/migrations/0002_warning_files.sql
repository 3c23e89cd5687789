-- 0002: warning files (心理预警档案), the summaries a principal may read, and case events.
-- Append-only. Levels, categories, status, narrative and event kinds are all inside `body`.

CREATE TABLE warning_files (
    id          TEXT PRIMARY KEY,
    student_id  TEXT NOT NULL REFERENCES students(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Level, status, dates, owner, next due: sealed with the case-summary key, which the
-- principal holds, so a brief never needs the casework key.
CREATE TABLE case_summaries (
    id          TEXT PRIMARY KEY REFERENCES warning_files(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL
) STRICT;

-- Follow-ups and level changes now; referrals, contacts, home visits and crisis records later.
CREATE TABLE case_events (
    id          TEXT PRIMARY KEY,
    file_id     TEXT NOT NULL REFERENCES warning_files(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX case_events_by_file ON case_events(file_id);
