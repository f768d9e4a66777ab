//! The database: SQLite in a data directory for one organisation, PostgreSQL for several
//! instances. One set of queries (sqlx's `Any` driver with `$n` placeholders, which both
//! backends accept) and one numbered migration set per dialect, embedded in the binary.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{AnyPool, Executor};
use std::path::Path;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The SQLite database's file name inside the data directory.
pub const SQLITE_FILE: &str = "houvast-server.sqlite3";

/// Creates `dir` (and its parents) and makes `dir` itself 0700.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            tracing::warn!(dir = %dir.display(), mode = format!("{mode:o}"), "tightening permissions to 0700");
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Creates `file` empty with mode 0600 when it does not exist, else makes it 0600.
fn private_file(file: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            crate::secrets::restrict_to_owner(file)
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL (use postgres://… or --data-dir for SQLite)")]
    UnsupportedUrl,
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error(
        "this database was written by a newer version of houvast-server (it has migration {0}, \
         which this version does not know); refusing to touch it — run the newer version"
    )]
    TooNew(i64),
    #[error("migrating the database failed: {0}")]
    Migrate(MigrateError),
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// Opens (or creates) `DIR/houvast-server.sqlite3`. The directory is made 0700 and the
    /// database files 0600: SQLite gives its `-wal` and `-shm` files the mode of the database
    /// file, which is created here, before SQLite sees it.
    pub async fn open_sqlite_dir(dir: &Path) -> Result<Self, DbError> {
        let shown = || dir.display().to_string();
        private_dir(dir).map_err(|e| DbError::DataDir(shown(), e))?;
        let file = dir.join(SQLITE_FILE);
        private_file(&file).map_err(|e| DbError::DataDir(shown(), e))?;
        for suffix in ["-wal", "-shm"] {
            let side = dir.join(format!("{SQLITE_FILE}{suffix}"));
            if side.exists() {
                crate::secrets::restrict_to_owner(&side)
                    .map_err(|e| DbError::DataDir(shown(), e))?;
            }
        }
        Self::open(&format!("sqlite://{}?mode=rwc", file.display())).await
    }

    pub async fn open(url: &str) -> Result<Self, DbError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(DbError::UnsupportedUrl);
        };
        let options = AnyPoolOptions::new().max_connections(match backend {
            // SQLite has one writer at a time; a few readers beside it are enough.
            Backend::Sqlite => 4,
            Backend::Postgres => 16,
        });
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(url).await.map_err(DbError::Open)?;
        let db = Self { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the embedded migrations, each in its own transaction. A database that has a
    /// migration this binary does not know was written by a newer version and is refused.
    async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        match migrator.run(&self.pool).await {
            Ok(()) => Ok(()),
            Err(MigrateError::VersionMissing(v)) => Err(DbError::TooNew(v)),
            Err(e) => Err(DbError::Migrate(e)),
        }
    }
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn to_time(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
