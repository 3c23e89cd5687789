-- 0003: 一生一策 (one plan per student), kept across school years; everything in `body`.
-- Append-only.

CREATE TABLE support_plans (
    id          TEXT PRIMARY KEY,
    student_id  TEXT NOT NULL UNIQUE REFERENCES students(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
