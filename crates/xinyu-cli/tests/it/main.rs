//! The `xinyu` binary as a user runs it, in one test binary: `cli` drives a fresh vault through
//! every command; `round1_vault` opens a vault written by an earlier version of Xinyu.

mod cli;
mod round1_vault;
