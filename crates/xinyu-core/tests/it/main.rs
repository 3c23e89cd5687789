//! xinyu-core's integration tests, one binary: the vault, the roster, casework, notes, the
//! mailbox and screening as the people in a school use them, through the public API only.
//! Most start from `school::School::builder()`, one test school with its constants (the school's
//! name, the counselor's, the teacher's and the principal's passphrases) defined once. The
//! roster and screening files they read stay in `tests/fixtures/`, where other crates' tests
//! and the end-to-end tests read them too.
//!
//! One test has a binary of its own, `tests/no_plaintext.rs`: it captures the log output with
//! a thread's own subscriber and scans the temp folder for new files, so it must not share
//! the process with tests running beside it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod case_keys;
mod casework;
mod demo;
mod errors;
mod import;
mod lexicon;
mod mailbox;
mod rollover;
mod school;
mod screening;
mod sessions;
mod tamper;
mod vault;
mod warning_files;
