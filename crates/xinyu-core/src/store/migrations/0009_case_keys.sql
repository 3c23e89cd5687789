-- Per-case keys: one student's casework and notes — or one note shared on its own — are sealed
-- under a key of that case alone, so a teacher's keys open only the cases they work on.
CREATE TABLE case_keys (
    -- The key's number: the version field of every envelope (class `case`) sealed under it.
    key_id         INTEGER PRIMARY KEY,
    -- 'student:<student id>' or 'note:<session id>'.
    subject        TEXT NOT NULL,
    -- The key sealed to the casework drop key: the counselors and the recovery code open it.
    for_counselors BLOB NOT NULL,
    -- The key sealed under the subject's previous key, when it replaced one.
    link           BLOB,
    created_at     TEXT NOT NULL
);
CREATE INDEX case_keys_by_subject ON case_keys(subject);

-- A case key sealed to one colleague's identity (a teacher who works on the case).
CREATE TABLE case_grants (
    key_id      INTEGER NOT NULL REFERENCES case_keys(key_id),
    identity_id TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (key_id, identity_id)
);

-- The casework drop key pair: anyone may seal a case key to its public key (in vault_meta),
-- only the casework class opens its secret, sealed here.
CREATE TABLE case_drop_keys (
    id          TEXT PRIMARY KEY,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 0
);
