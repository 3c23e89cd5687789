//! The desktop app as a counselor meets it: a real WebKit window under Xvfb, driven by WebDriver.
//!
//! Modules, one per area of the app:
//! - `shell`: the side navigation, coming-soon sections, about, the panic blank.
//! - `accounts`: a teacher added, made to set their own passphrase, shown their fingerprint,
//!   approved by the counselor with it, then reading the students page with their keys.
//! - `vault`: set-up wizard and recovery code, lock and unlock, the first students.
//! - `roster`: importing a roster file from the UI and finding a student by pinyin initials.
//! - `casework`: a warning file opened, followed up and referred; the dashboard and the
//!   student's chronology.
//! - `sessions`: a note written, signed, amended; a group session; the figures.
//! - `screening`: a campaign, a PHQ-9 import, the review list, a file opened from it.
//! - `mailbox`: the kiosk, the counselor's inbox and the reply read back with its code.

mod accounts;
mod casework;
mod mailbox;
mod roster;
mod screening;
mod sessions;
mod shell;
mod vault;
