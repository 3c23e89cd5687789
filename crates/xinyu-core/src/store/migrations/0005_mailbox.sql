-- 0005: the whisper mailbox (悄悄话信箱). Append-only.
--
-- No tracing back: a letter row holds its random id, where it came from (kiosk or paper), the
-- thread locator derived from the pickup code, the day (never a time) and the sealed box only
-- the mailbox key pair opens. The tables are WITHOUT ROWID, ordered by the random id, so not
-- even the order of insertion is kept.

-- The mailbox key pair's secret, sealed with the mailbox class key (counselors only).
CREATE TABLE mailbox_keys (
    id          TEXT PRIMARY KEY,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL
) STRICT;

CREATE TABLE letters (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL CHECK (source IN ('kiosk', 'paper')),
    thread      TEXT,
    received_on TEXT NOT NULL,
    sealed      BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX letters_by_thread ON letters(thread);

-- The counselor's handling of a letter (status, category, urgency, link, posted reply),
-- sealed with the mailbox class key.
CREATE TABLE letter_states (
    id          TEXT PRIMARY KEY REFERENCES letters(id),
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- Replies, sealed under the reply key only the pickup code derives.
CREATE TABLE replies (
    id         TEXT PRIMARY KEY,
    thread     TEXT NOT NULL,
    written_on TEXT NOT NULL,
    sealed     BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX replies_by_thread ON replies(thread);
