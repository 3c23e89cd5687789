-- 0008: chained key versions, row revisions and per-table digests. Append-only.
--
-- Key links (vault/keyring trust, `store/keys.rs`): a rekey that makes version v+1 of a class
-- stores a link to it, v+1's commitment (key id and link-signing public key, both one-way)
-- signed with version v's signing key. A holder trusts a granted version above the ones it
-- already trusts only when links lead to it, so a grant planted in the file (sealed to a
-- holder's public key with a key the planter chose) is never used to seal.
CREATE TABLE key_links (
    class   INTEGER NOT NULL,
    version INTEGER NOT NULL,
    link    BLOB NOT NULL,
    PRIMARY KEY (class, version)
) STRICT;

-- Each identity's record of the key versions it trusted at its last unlock (JSON: class,
-- version, commitment) and its HMAC under a key derived from the identity's own secret, which
-- nobody else can make. NULL until the identity's first unlock with this build.
ALTER TABLE identities ADD COLUMN key_record TEXT;
ALTER TABLE identities ADD COLUMN key_record_mac BLOB;

-- Versions that existed before links did: up to this version a class key needs no link
-- (trusted on first use at each holder's first unlock after the upgrade). A new vault has none.
INSERT INTO vault_meta (key, value)
    SELECT 'key_chain_base:' || substr(key, 13), value
    FROM vault_meta WHERE key LIKE 'key_version:%';

-- Row revisions (`store/digest.rs`): how many times a sealed row was written, bound into its
-- envelope from revision 1 on. Rows written before keep 0 and their old binding.
ALTER TABLE students ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE warning_files ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_summaries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE support_plans ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session_summaries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session_addenda ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE work_log ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mailbox_keys ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE letter_states ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE screening_results ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE screening_reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- Each sealed table's digest as last logged: a keyed XOR over its rows, carried in the access
-- log entry of the write that changed it (`access_log.digests`, part of the hash chain). This
-- table is only where the next writer finds it; `verify` trusts the log.
CREATE TABLE row_digests (
    tbl    TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL,
    record TEXT NOT NULL
) STRICT;

ALTER TABLE access_log ADD COLUMN digests TEXT;
