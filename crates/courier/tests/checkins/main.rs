#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
//! The parent's side of the check-ins against the real server (SQLite, on a random port), with
//! real SQLCipher stores: pairing, sending, delivery through outages, replies, and what leaves
//! the device.

mod common;
mod delivery;
mod pairing;
mod replies;
