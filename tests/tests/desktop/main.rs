//! The desktop app as a counselor meets it: a real WebKit window under Xvfb, driven by WebDriver.
//!
//! Modules, one per area of the app:
//! - `shell`: the side navigation, coming-soon sections, about, the panic blank.
//! - `vault`: set-up wizard and recovery code, lock and unlock, the first students.
//! - `roster`: importing a roster file from the UI and finding a student by pinyin initials.
//! - `casework`: a warning file opened, followed up and referred; the dashboard and the
//!   student's chronology.

mod casework;
mod roster;
mod shell;
mod vault;
