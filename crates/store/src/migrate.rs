//! Numbered SQL migrations from `migrations/`, embedded in the binary. Each runs in its own
//! transaction together with the row that records it in `schema_migrations`.

use crate::StoreError;
use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

struct Migration {
    version: u32,
    name: &'static str,
    sql: &'static str,
}

/// In order; a file in `migrations/` that is not listed here fails a test. Each version is
/// applied when it is not recorded yet, so a number that arrives later from another branch
/// (a gap filled) still runs on a database that already has the higher one.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "reflection_reminders",
        sql: include_str!("../migrations/0002_reflection_reminders.sql"),
    },
    Migration {
        version: 3,
        name: "checkins",
        sql: include_str!("../migrations/0003_checkins.sql"),
    },
    Migration {
        version: 4,
        name: "module_completed",
        sql: include_str!("../migrations/0004_module_completed.sql"),
    },
    Migration {
        version: 5,
        name: "contact_reminder",
        sql: include_str!("../migrations/0005_contact_reminder.sql"),
    },
];

/// The newest schema this binary knows.
pub const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

const CREATE_LOG: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The newest applied migration, 0 for a new database. Only reads.
pub(crate) fn newest_applied(conn: &Connection) -> Result<u32, StoreError> {
    let has_log: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |row| row.get(0),
    )?;
    if !has_log {
        return Ok(0);
    }
    let newest: Option<u32> = conn
        .query_row("SELECT max(version) FROM schema_migrations", [], |row| {
            row.get(0)
        })
        .optional()?
        .flatten();
    Ok(newest.unwrap_or(0))
}

/// Refuses a database from a newer version before anything is written to it.
pub(crate) fn refuse_newer(conn: &Connection) -> Result<(), StoreError> {
    let found = newest_applied(conn)?;
    if found > LATEST {
        return Err(StoreError::DatabaseTooNew {
            found,
            supported: LATEST,
        });
    }
    Ok(())
}

/// Applies every migration the database has not recorded.
pub(crate) fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    for migration in MIGRATIONS {
        // IMMEDIATE takes the write lock before reading the version, so two processes opening
        // the same new database cannot both apply a migration.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(CREATE_LOG)?;
        let found = newest_applied(&tx)?;
        if found > LATEST {
            return Err(StoreError::DatabaseTooNew {
                found,
                supported: LATEST,
            });
        }
        let applied: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?1)",
            [migration.version],
            |row| row.get(0),
        )?;
        if applied {
            continue;
        }
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![
                migration.version,
                migration.name,
                Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true)
            ],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let embedded: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{:04}_{}.sql", m.version, m.name))
            .collect();
        assert_eq!(files, embedded);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert!(
                i == 0 && m.version == 1 || i > 0 && m.version > MIGRATIONS[i - 1].version,
                "migrations are numbered upwards from 1"
            );
            let on_disk = std::fs::read_to_string(format!("{dir}/{}", embedded[i])).unwrap();
            assert_eq!(m.sql, on_disk);
        }
    }

    #[test]
    fn migrations_run_on_an_empty_database_and_are_recorded_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        apply(&mut conn).unwrap();
        assert_eq!(newest_applied(&conn).unwrap(), LATEST);
        let rows: u32 = conn
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows as usize, MIGRATIONS.len());
    }

    #[test]
    fn a_lower_number_not_yet_recorded_is_still_applied() {
        // A database from a branch that had migration 4 before another branch's 3 arrived.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(CREATE_LOG).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (4, 'module_completed', 'x')",
            [],
        )
        .unwrap();
        apply(&mut conn).unwrap();
        let versions: Vec<u32> = conn
            .prepare("SELECT version FROM schema_migrations ORDER BY version")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected: Vec<u32> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(versions, expected);
        let profile_table: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'profile')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(profile_table, "migration 1 ran although 4 was recorded");
    }
}
