-- 0006: screening (心理测评): campaigns with their consent record, results per student and
-- instrument, and the counselor's review decisions. Append-only. Bodies are sealed with the
-- casework key; a campaign's instrument ids are in clear only inside result rows (every
-- screened student of a campaign takes the same instruments).

CREATE TABLE campaigns (
    id          TEXT PRIMARY KEY,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE screening_results (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    student_id  TEXT NOT NULL REFERENCES students(id),
    instrument  TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (campaign_id, student_id, instrument)
) STRICT;

CREATE INDEX screening_results_by_student ON screening_results(student_id);

CREATE TABLE screening_reviews (
    id          TEXT PRIMARY KEY REFERENCES screening_results(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL
) STRICT;

-- Instrument definitions a school added (TOML, checked on load); not sensitive.
CREATE TABLE custom_instruments (
    id         TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    added_at   TEXT NOT NULL
) STRICT;
