//! Runs SQLite's `PRAGMA integrity_check` on a parent's encrypted database, opened the way the
//! app opens it (the key from the OS keychain entry of that data directory). Prints `ok`, or
//! one line per problem. The crash test (tests/e2e/app/crash.test.mjs) runs it after every
//! kill, while the app is not running.
//!
//!   integrity_check <data-dir>
//!
//! Exit status: 0 when the file is sound, 1 when SQLite found problems, 2 when the database
//! could not be opened at all.

use houvast_store::{Keychain, Store};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: integrity_check <data-dir>");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    // Store::open_in makes a new database where there is none; a check must not.
    let db = dir.join(Store::FILE_NAME);
    if !db.is_file() {
        eprintln!("no database at {}", db.display());
        return ExitCode::from(2);
    }
    let opened = Keychain::for_data_dir(&dir).and_then(|keychain| Store::open_in(&dir, &keychain));
    let lines = match opened.and_then(|store| store.integrity_check()) {
        Ok(lines) => lines,
        Err(e) => {
            eprintln!("{}: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    for line in &lines {
        println!("{line}");
    }
    if lines == ["ok"] {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
