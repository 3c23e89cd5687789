-- 0001: the vault's first schema. Append-only: never edit a migration that has shipped.
--
-- What stays in clear: ids (random), foreign ids, record kinds, key class and version, staff
-- account names and roles (the lock screen lists them), and coarse timestamps. Every fact about
-- a student is inside an encrypted envelope (`body`).

-- Facts about the vault needed before anyone unlocks it: format, school name, recovery identity.
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- A key holder: a staff account or the recovery code. Its X25519 secret is wrapped under a key
-- derived (Argon2id) from the passphrase or recovery code; class keys are sealed to its public key.
CREATE TABLE identities (
    id             TEXT PRIMARY KEY,
    kdf_params     TEXT NOT NULL,
    kdf_salt       BLOB NOT NULL,
    public_key     BLOB NOT NULL,
    secret_wrapped BLOB NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('counselor', 'teacher', 'principal', 'admin')),
    identity_id TEXT NOT NULL UNIQUE REFERENCES identities(id),
    created_at  TEXT NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Class keys sealed to an identity's public key. Granting needs only the public key, so a
-- counselor can grant keys to an account an admin created without knowing its passphrase.
CREATE TABLE key_grants (
    identity_id TEXT NOT NULL REFERENCES identities(id),
    class       INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (identity_id, class, version)
) STRICT;

-- Failed unlocks per account, so the growing delay survives a restart.
CREATE TABLE unlock_failures (
    user_id         TEXT PRIMARY KEY REFERENCES users(id),
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
) STRICT;

-- The access log: ids and actions only, never a name or a note; each entry hashes the previous.
CREATE TABLE access_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT,
    action      TEXT NOT NULL,
    record_kind TEXT,
    record_id   TEXT,
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL
) STRICT;

-- Students: identity fields live in the encrypted body (class roster).
CREATE TABLE students (
    id          TEXT PRIMARY KEY,
    key_version INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
