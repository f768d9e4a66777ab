//! Open time and answer-save time, encrypted (SQLCipher) and, with the feature
//! `unencrypted-for-bench`, plain SQLite for the ratio:
//!
//! `cargo bench -p houvast-store --features unencrypted-for-bench`
//!
//! The keychain is not part of these timings: reading the key is one secret-service call.
//!
//! `reflection_history` measures what opening the reflection calendar costs the store with ten
//! years of evenings (3,650 entries): the month's dates, this week's dates, the last evening
//! and one entry. The budget is one frame, 16 ms.

use chrono::Utc;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use houvast_core::reflection::{ReflectionAnswers, YearMonth};
use houvast_core::{AnswerValue, ModuleId, QuestionId, TaskKind};
use houvast_store::{DatabaseKey, Store};
use std::path::Path;
use std::time::Duration;

#[derive(Clone, Copy)]
enum Kind {
    Encrypted,
    #[cfg(feature = "unencrypted-for-bench")]
    Plain,
}

impl Kind {
    const ALL: &[Kind] = &[
        Kind::Encrypted,
        #[cfg(feature = "unencrypted-for-bench")]
        Kind::Plain,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Encrypted => "encrypted",
            #[cfg(feature = "unencrypted-for-bench")]
            Kind::Plain => "plain",
        }
    }

    fn open(self, path: &Path) -> Store {
        match self {
            Kind::Encrypted => Store::open(path, &DatabaseKey::from_bytes([7; 32])),
            #[cfg(feature = "unencrypted-for-bench")]
            Kind::Plain => Store::open_unencrypted(path),
        }
        .expect("open the database")
    }
}

/// A store with a realistic amount of data: five modules' worth of answers.
fn filled(kind: Kind, dir: &Path) -> std::path::PathBuf {
    let path = dir.join(format!("{}.db", kind.name()));
    let store = kind.open(&path);
    for m in 1..=5 {
        let module = ModuleId::new(format!("module-{m}")).expect("module id");
        store.mark_started(&module, Utc::now()).expect("start");
        for q in 1..=8 {
            let question = QuestionId::new(format!("module-{m}.do.q{q}")).expect("question id");
            store
                .save_answer(
                    &module,
                    TaskKind::DoTask,
                    &question,
                    &answer(400),
                    Utc::now(),
                )
                .expect("save");
        }
    }
    path
}

fn answer(len: usize) -> AnswerValue {
    AnswerValue::Text {
        text: "Vandaag ging het goed met voorlezen. ".repeat(len / 36 + 1),
    }
}

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("open_existing");
    for &kind in Kind::ALL {
        let path = filled(kind, dir.path());
        // Open, read the schema version, close: what a start of the app costs the store.
        group.bench_function(BenchmarkId::from_parameter(kind.name()), |b| {
            b.iter(|| {
                let store = kind.open(&path);
                store.schema_version().expect("schema version")
            })
        });
    }
    group.finish();
}

fn save_answer(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let module = ModuleId::new("module-3").expect("module id");
    let question = QuestionId::new("module-3.do.q2").expect("question id");
    let mut group = c.benchmark_group("save_do_task_answer");
    for &kind in Kind::ALL {
        let store = kind.open(&filled(kind, dir.path()));
        let mut n = 0usize;
        group.bench_function(BenchmarkId::from_parameter(kind.name()), |b| {
            b.iter(|| {
                // A text that grows like typing does, so every save really changes the row.
                n = (n + 1) % 200;
                store
                    .save_answer(
                        &module,
                        TaskKind::DoTask,
                        &question,
                        &answer(300 + n),
                        Utc::now(),
                    )
                    .expect("save")
            })
        });
    }
    group.finish();
}

/// Ten years of daily reflections, ending today.
fn ten_years(dir: &Path) -> (Store, chrono::NaiveDate) {
    let store = Kind::Encrypted.open(&dir.join("reflections.db"));
    let today = Utc::now().date_naive();
    let answers = ReflectionAnswers {
        went_well: "We hebben samen gekookt en gelachen om de kat. ".repeat(4),
        noticed_in_myself: "Ik bleef rustig toen het misging.".into(),
        noticed_in_child: "Ze kwam uit zichzelf vertellen over school.".into(),
    };
    for back in 0..3650u64 {
        let day = today - chrono::Days::new(back);
        store
            .save_reflection(day, &answers, Utc::now())
            .expect("save reflection");
    }
    (store, today)
}

fn reflection_history(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, today) = ten_years(dir.path());
    let month = YearMonth::of(today);
    let mut group = c.benchmark_group("reflection_history_3650");
    // What the history screen asks the store when it opens: the month, the week, one entry.
    group.bench_function("open_month", |b| {
        b.iter(|| {
            let month_dates = store
                .reflection_dates(month.first_day(), month.last_day())
                .expect("month");
            let week = store
                .reflection_dates(today - chrono::Days::new(6), today)
                .expect("week");
            let last = store.last_reflection_on().expect("last");
            let entry = store.reflection(today).expect("entry");
            (month_dates.len(), week.len(), last, entry.is_some())
        })
    });
    // Every evening of ten years at once, an upper bound for any overview.
    group.bench_function("all_dates", |b| {
        b.iter(|| {
            store
                .reflection_dates(today - chrono::Days::new(4000), today)
                .expect("all")
                .len()
        })
    });
    // Opening the database file itself with that history in it.
    let path = store.path().to_owned();
    group.bench_function("open_store", |b| {
        b.iter(|| {
            Kind::Encrypted
                .open(&path)
                .schema_version()
                .expect("version")
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = open, save_answer, reflection_history
}
criterion_main!(benches);
