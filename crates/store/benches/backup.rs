//! Backup and restore of a parent who finished the programme and wrote a reflection every
//! evening for a year: every question of the bundled programme answered (a text answer of
//! about 300 characters), plus 365 evenings of three answers of about 200 characters.
//!
//! Measures (five runs each, median): sealing the backup (Argon2id 64 MiB + the export), the
//! file's size, opening it (Argon2id + the checks), and the restore into a new data directory
//! with an empty keychain entry (the real secret service: run in a desktop session; `make
//! bench` does).

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use chrono::{Duration, NaiveDate, Utc};
use houvast_core::reflection::ReflectionAnswers;
use houvast_core::{AnswerValue, Programme, TaskKind};
use houvast_store::{open_backup, DatabaseKey, Keychain, Store};
use std::time::Instant;

const PASS: &str = "fiets-boom-wolk-zee-42";

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let programme = Programme::bundled().expect("bundled content");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(
        &dir.path().join(Store::FILE_NAME),
        &DatabaseKey::generate().unwrap(),
    )
    .expect("store");
    let text = "Vandaag ging het goed met voorlezen en daarna samen opruimen. ".repeat(5);
    let mut answers = 0;
    for module in &programme.modules {
        for task in [TaskKind::DoTask, TaskKind::HomeAssignment] {
            for question in &module.text(houvast_core::Language::Nl).task(task).questions {
                store
                    .save_answer(
                        &module.id,
                        task,
                        &question.id,
                        &AnswerValue::Text { text: text.clone() },
                        Utc::now(),
                    )
                    .expect("answer");
                answers += 1;
            }
        }
    }
    let first = NaiveDate::from_ymd_opt(2025, 11, 29).unwrap();
    let evening = "We hebben gelachen om de kat die in de wasmand sprong. ".repeat(4);
    for day in 0..365 {
        store
            .save_reflection(
                first + Duration::days(day),
                &ReflectionAnswers {
                    went_well: evening.clone(),
                    noticed_in_myself: evening.clone(),
                    noticed_in_child: evening.clone(),
                },
                Utc::now(),
            )
            .expect("reflection");
    }
    println!("data: {answers} answers, 365 reflections");

    let mut seal = Vec::new();
    let mut file = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        file = store.backup(PASS, Utc::now()).expect("backup");
        seal.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let mut open = Vec::new();
    let mut restore = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let backup = open_backup(&file, PASS).expect("open");
        open.push(start.elapsed().as_secs_f64() * 1e3);
        let target = tempfile::tempdir().expect("temp dir");
        let keychain = Keychain::new("nl.houvast.app.bench", target.path()).expect("entry");
        let start = Instant::now();
        Store::restore_in(target.path(), &keychain, &backup).expect("restore");
        restore.push(start.elapsed().as_secs_f64() * 1e3);
        Store::erase_in(target.path(), Some(&keychain)).expect("erase");
    }
    println!("| step | median (ms) |\n|---|---:|");
    println!("| write backup (Argon2id + seal) | {:.0} |", median(seal));
    println!("| open backup (Argon2id + checks) | {:.0} |", median(open));
    println!("| restore into a new data dir | {:.0} |", median(restore));
    println!("backup file: {:.0} KiB", file.len() as f64 / 1024.0);
}
