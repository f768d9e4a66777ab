#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
//! Black-box tests of the HTTP API, each on SQLite and on PostgreSQL.

mod cli;
mod common;
mod dashboard;
mod flows;
mod hardening;
mod hostile;
mod openapi;
mod tampering;
