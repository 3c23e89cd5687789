//! xinyu-import's integration tests, one binary: the files a school hands over, read as a
//! counselor meets them. No vault anywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bombs;
mod roster;
