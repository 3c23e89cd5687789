//! The growing delay after wrong passphrases, kept in the database so a restart does not
//! reset it. Three free tries, then 5 s, 10 s, 20 s … up to 5 minutes.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Error, Result};

/// Wrong passphrases allowed before any delay.
pub const FREE_TRIES: u32 = 3;
/// The longest delay between two tries, in seconds.
pub const MAX_DELAY_SECS: u64 = 300;

/// Seconds to wait after `failures` wrong passphrases in a row.
pub fn delay_after(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (5u64 << doublings).min(MAX_DELAY_SECS)
}

fn load(conn: &Connection, user_id: &str) -> Result<Option<(u32, DateTime<Utc>)>> {
    let row: Option<(u32, String)> = conn
        .query_row(
            "SELECT failures, last_failure_at FROM unlock_failures WHERE user_id = ?1",
            [user_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| Error::storage("read unlock failures", e))?;
    Ok(row.and_then(|(n, at)| {
        DateTime::parse_from_rfc3339(&at)
            .ok()
            .map(|t| (n, t.with_timezone(&Utc)))
    }))
}

/// Refuse with [`Error::TooManyAttempts`] while this user must still wait.
pub fn check(conn: &Connection, user_id: &str, now: DateTime<Utc>) -> Result<()> {
    if let Some((failures, last)) = load(conn, user_id)? {
        let delay = delay_after(failures) as i64;
        let waited = (now - last).num_seconds();
        if waited < delay {
            return Err(Error::TooManyAttempts {
                wait_seconds: (delay - waited.max(0)) as u64,
            });
        }
    }
    Ok(())
}

/// Count one more wrong passphrase.
pub fn record_failure(conn: &Connection, user_id: &str, now: DateTime<Utc>) -> Result<u32> {
    let failures = load(conn, user_id)?.map(|(n, _)| n).unwrap_or(0) + 1;
    conn.execute(
        "INSERT INTO unlock_failures (user_id, failures, last_failure_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET failures = ?2, last_failure_at = ?3",
        params![user_id, failures, now.to_rfc3339()],
    )
    .map_err(|e| Error::storage("record unlock failure", e))?;
    Ok(failures)
}

/// Forget the failures after a successful unlock.
pub fn clear(conn: &Connection, user_id: &str) -> Result<()> {
    conn.execute("DELETE FROM unlock_failures WHERE user_id = ?1", [user_id])
        .map_err(|e| Error::storage("clear unlock failures", e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_tries_are_free_then_the_delay_doubles_up_to_five_minutes() {
        assert_eq!(delay_after(0), 0);
        assert_eq!(delay_after(2), 0);
        assert_eq!(delay_after(3), 5);
        assert_eq!(delay_after(4), 10);
        assert_eq!(delay_after(5), 20);
        assert_eq!(delay_after(9), 300);
        assert_eq!(delay_after(u32::MAX), 300);
    }
}
