//! Black-box tests of the HTTP API, each on SQLite and on PostgreSQL.

mod common;
mod flows;
mod hostile;
mod openapi;
