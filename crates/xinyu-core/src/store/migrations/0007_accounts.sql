-- 0007: accounts that a counselor approves, and a key directory only counselors can vouch for.
-- Append-only.
--
-- `status`: `pending` from creation until a counselor approves (after the user has set their
-- own passphrase), `active`, or `disabled`. The 0001 column `disabled` is no longer read; it is
-- kept (append-only) and folded into `status` here.
-- `own_passphrase`: 0 while the account still has the first passphrase its creator chose.
-- `created_by`: the account that created it (NULL for the first counselor and older accounts).
-- `directory_mac`: key version (u32 LE) and HMAC-SHA256, under the counselors' integrity key,
-- over (user id, identity id, role, status, public key). Keys are granted only to accounts
-- whose entry verifies; an edited role, status or public key no longer does.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('pending', 'active', 'disabled'));
ALTER TABLE users ADD COLUMN own_passphrase INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN created_by TEXT;
ALTER TABLE users ADD COLUMN directory_mac BLOB;
UPDATE users SET status = 'disabled' WHERE disabled = 1;
