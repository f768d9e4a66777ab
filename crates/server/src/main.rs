//! `houvast-server`: the server and its administrator's command line.

use clap::{Args, Parser, Subcommand};
use houvast_server::audit::Filter;
use houvast_server::db::Db;
use houvast_server::secrets::{KeySource, SecretError, ServerSecret, TOKEN_KEY_FILE};
use houvast_server::{admin, AppState, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "houvast-server",
    version,
    about = "Carries sealed check-ins between parents' apps and their prevention workers."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// SQLite: the directory that holds the database file and the token key (default).
    #[arg(
        long,
        default_value = "./houvast-data",
        conflicts_with = "database_url"
    )]
    data_dir: PathBuf,
    /// PostgreSQL: postgres://user:password@host/db (several instances may share it).
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// The file that holds the token key (created 0600 when missing). Default with SQLite:
    /// DIR/token-key. HOUVAST_TOKEN_KEY, when set, takes precedence.
    #[arg(long)]
    token_key_file: Option<PathBuf>,
}

impl DbArgs {
    async fn open(&self) -> Result<Db, CliError> {
        Ok(match &self.database_url {
            Some(url) => Db::open(url).await?,
            None => Db::open_sqlite_dir(&self.data_dir).await?,
        })
    }

    /// The token key, checked against the database.
    async fn secret(&self, db: &Db) -> Result<ServerSecret, CliError> {
        let source = match KeySource::from_env_or(self.token_key_file.clone()) {
            Some(source) => source,
            None if self.database_url.is_none() => {
                KeySource::File(self.data_dir.join(TOKEN_KEY_FILE))
            }
            None => return Err(SecretError::Missing.into()),
        };
        let secret = ServerSecret::load(&source)?;
        secret.check_against(db).await?;
        Ok(secret)
    }
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The address workers use in their browser; activation links and the CSRF origin check
    /// are made from it. Defaults to http://<listen>.
    #[arg(long)]
    public_url: Option<String>,
    /// Serve HTTPS with this PEM certificate chain (and --tls-key).
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Behind a reverse proxy or load balancer: take the client address from the last
    /// X-Forwarded-For entry (for rate limits); the per-address connection cap is off.
    #[arg(long)]
    behind_proxy: bool,
    /// Log as JSON lines.
    #[arg(long)]
    log_json: bool,
    /// Seconds a client may take to send a request's head (and for the TLS handshake); also
    /// how long an idle connection stays open.
    #[arg(long, default_value_t = 10)]
    header_timeout_secs: u64,
    /// Seconds one request may take, body included.
    #[arg(long, default_value_t = 30)]
    request_timeout_secs: u64,
    /// Open connections at once (keep it well under `ulimit -n`).
    #[arg(long, default_value_t = 768)]
    max_connections: usize,
    /// Open connections from one address (not applied with --behind-proxy).
    #[arg(long, default_value_t = 128)]
    max_connections_per_address: usize,
    /// How long a worker stays signed in, in seconds (default 8 hours).
    #[arg(long, default_value_t = 8 * 3600)]
    session_ttl_secs: u64,
    /// Argon2id sign-in checks computed at once (19 MiB each).
    #[arg(long, default_value_t = 4)]
    max_concurrent_sign_ins: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve(ServeArgs),
    /// Run locally on SQLite with a demo organisation and workers, printed to the terminal.
    Demo(ServeArgs),
    /// Organisations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Prevention workers.
    #[command(subcommand)]
    Worker(WorkerCommand),
    /// Read the audit log (who did what to which client's data, sign-ins, admin actions).
    Audit(AuditArgs),
    /// The token key that sessions, devices and pairing codes are hashed with.
    #[command(subcommand)]
    TokenKey(TokenKeyCommand),
    /// Apply migrations and exit.
    Migrate(DbArgs),
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Create an organisation.
    Create {
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Make the organisation's recovery key pair; prints the secret part once.
    RecoveryKey {
        name: String,
        /// Replace an existing recovery key.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum WorkerCommand {
    /// Invite a worker; prints a one-time activation link.
    Invite {
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        public_url: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Switch a worker off: their sessions end at once and sign-in is refused.
    Disable {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Switch a disabled worker on again.
    Enable {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// A lost passphrase: a new activation link; the old passphrase, key and sessions stop
    /// working at once.
    Reset {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        public_url: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Move a worker's caseload (paired clients and unused pairing codes) to another worker of
    /// the same organisation.
    Reassign {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Args)]
struct AuditArgs {
    /// Entries by this worker (e-mail address) or about their caseload.
    #[arg(long)]
    worker: Option<String>,
    /// Entries about this client (id).
    #[arg(long)]
    client: Option<uuid::Uuid>,
    /// From this day (YYYY-MM-DD, UTC) or moment (RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// Up to and including this day (YYYY-MM-DD, UTC), or before this moment (RFC 3339).
    #[arg(long)]
    until: Option<String>,
    /// At most this many entries, oldest first.
    #[arg(long)]
    limit: Option<i64>,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Subcommand)]
enum TokenKeyCommand {
    /// Print a new random token key, for HOUVAST_TOKEN_KEY on every PostgreSQL instance.
    New,
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Why a command failed, as told to the administrator.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Db(#[from] houvast_server::db::DbError),
    #[error(transparent)]
    Api(#[from] houvast_server::error::ApiError),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Start(#[from] houvast_server::StartError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0:?} is neither a day (2026-11-29) nor a moment (2026-11-29T14:00:00Z)")]
    Moment(String),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("serving failed: {0}")]
    Io(#[from] std::io::Error),
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("houvast-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A day (`2026-11-29`, meaning its start, or with `end_of_day` the start of the next) or an
/// RFC 3339 moment, as Unix milliseconds.
fn parse_moment(text: &str, end_of_day: bool) -> Result<i64, CliError> {
    let refused = || CliError::Moment(text.to_string());
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = if end_of_day {
            day.succ_opt().ok_or_else(refused)?
        } else {
            day
        };
        return Ok(day
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp_millis());
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|_| refused())
}

async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve(args) => serve(args, false).await,
        Command::Demo(args) => serve(args, true).await,
        Command::Migrate(db) => {
            db.open().await?;
            println!("database is up to date");
            Ok(())
        }
        Command::TokenKey(TokenKeyCommand::New) => {
            println!("{}", houvast_server::secrets::new_token_key_text().as_str());
            Ok(())
        }
        Command::Org(OrgCommand::Create { name, db }) => {
            let id = admin::create_org(&db.open().await?, &name).await?;
            println!("created organisation {name:?} ({id})");
            println!("next: houvast-server org recovery-key {name:?}");
            Ok(())
        }
        Command::Org(OrgCommand::RecoveryKey { name, replace, db }) => {
            let keys = admin::create_recovery_key(&db.open().await?, &name, replace).await?;
            println!("{}", admin::print_recovery_secret(&keys));
            println!("Keep the SECRET key offline (printed on paper, in a safe). It is shown only now and the");
            println!("server does not store it. With it the organisation can read check-ins of a worker who left.");
            Ok(())
        }
        Command::Worker(WorkerCommand::Invite {
            org,
            email,
            name,
            public_url,
            db,
        }) => {
            let config = Config::new(public_url);
            let pool = db.open().await?;
            let secret = db.secret(&pool).await?;
            let inv = admin::invite_worker(&pool, &secret, &config, &org, &email, &name).await?;
            println!("invited {email}; send them this one-time activation link (valid 7 days):");
            println!("{}", inv.link);
            Ok(())
        }
        Command::Worker(WorkerCommand::Disable { email, db }) => {
            let done = admin::disable_worker(&db.open().await?, &email).await?;
            if done.was_disabled_already {
                println!("{email} was switched off already");
            } else {
                println!("{email} is switched off: sign-in is refused");
            }
            println!("{} open sessions ended", done.sessions_revoked);
            println!("their clients stay theirs until: houvast-server worker reassign --from {email} --to <colleague>");
            Ok(())
        }
        Command::Worker(WorkerCommand::Enable { email, db }) => {
            admin::enable_worker(&db.open().await?, &email).await?;
            println!("{email} may sign in again");
            Ok(())
        }
        Command::Worker(WorkerCommand::Reset {
            email,
            public_url,
            db,
        }) => {
            let config = Config::new(public_url);
            let pool = db.open().await?;
            let secret = db.secret(&pool).await?;
            let inv = admin::reset_worker(&pool, &secret, &config, &email).await?;
            println!("{email}: the old passphrase, key and sessions no longer work.");
            println!("Send them this one-time activation link (valid 7 days):");
            println!("{}", inv.link);
            println!(
                "Their clients' apps will warn about the new key; compare the safety number again."
            );
            Ok(())
        }
        Command::Worker(WorkerCommand::Reassign { from, to, db }) => {
            let moved = admin::reassign_caseload(&db.open().await?, &from, &to).await?;
            println!(
                "moved {} clients and {} unused pairing codes from {from} to {to}",
                moved.clients.len(),
                moved.open_codes
            );
            for client in &moved.clients {
                println!("  {client}");
            }
            println!("Their apps will warn about the new worker's key; compare the safety number at the next contact.");
            Ok(())
        }
        Command::Audit(args) => audit(args).await,
    }
}

async fn audit(args: AuditArgs) -> Result<(), CliError> {
    let db = args.db.open().await?;
    let worker_id = match &args.worker {
        Some(email) => Some(admin::worker_by_email(&db, email).await?.id),
        None => None,
    };
    let filter = Filter {
        worker_id,
        client_id: args.client.map(|c| c.to_string()),
        since_ms: args
            .since
            .as_deref()
            .map(|t| parse_moment(t, false))
            .transpose()?,
        until_ms: args
            .until
            .as_deref()
            .map(|t| parse_moment(t, true))
            .transpose()?,
        limit: args.limit,
    };
    let entries = admin::read_audit(&db, &filter).await?;
    let emails = admin::worker_emails(&db).await?;
    // Workers by e-mail address for a person; ids stay in the JSON.
    let person = |id: Option<&str>| -> String {
        id.map_or("-".to_string(), |id| {
            emails.get(id).cloned().unwrap_or_else(|| id.to_string())
        })
    };
    for e in &entries {
        if args.json {
            println!("{}", serde_json::to_string(e)?);
        } else {
            let actor = match e.actor_kind.as_str() {
                "worker" => person(e.actor_id.as_deref()),
                _ => e.actor_id.clone().unwrap_or_else(|| "-".to_string()),
            };
            println!(
                "{}  {:<9} {:<24}  {:<20}  client={}  worker={}{}",
                e.at.format("%Y-%m-%dT%H:%M:%SZ"),
                e.actor_kind,
                actor,
                e.action,
                e.client_id.as_deref().unwrap_or("-"),
                person(e.worker_id.as_deref()),
                e.detail
                    .as_deref()
                    .map(|d| format!("  ({d})"))
                    .unwrap_or_default(),
            );
        }
    }
    if !args.json {
        eprintln!("{} entries", entries.len());
    }
    Ok(())
}

async fn serve(args: ServeArgs, demo: bool) -> Result<(), CliError> {
    init_logs(args.log_json);
    let db = args.db.open().await?;
    let secret = args.db.secret(&db).await?;
    let scheme = if args.tls_cert.is_some() {
        "https"
    } else {
        "http"
    };
    let mut config = Config::new(
        args.public_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{}", args.listen)),
    );
    config.behind_proxy = args.behind_proxy;
    config.header_read_timeout = Duration::from_secs(args.header_timeout_secs.max(1));
    config.request_timeout = Duration::from_secs(args.request_timeout_secs.max(1));
    config.max_connections = args.max_connections.max(1);
    config.max_connections_per_address = args.max_connections_per_address.max(1);
    config.max_concurrent_hashes = args.max_concurrent_sign_ins.max(1);
    config.session_ttl = Duration::from_secs(args.session_ttl_secs.max(1));
    if demo {
        print_demo(&db, &secret, &config).await?;
    }
    let state = AppState::new(db, config, secret).await?;
    tracing::info!(listen = %args.listen, backend = ?state.db.backend, tls = args.tls_cert.is_some(), "houvast-server started");
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|source| CliError::Listen {
            addr: args.listen,
            source,
        })?;
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => {
            Ok(houvast_server::serve_tls(listener, state, cert, key, shutdown).await?)
        }
        _ => Ok(houvast_server::serve(listener, state, shutdown).await?),
    }
}

async fn print_demo(db: &Db, secret: &ServerSecret, config: &Config) -> Result<(), CliError> {
    const ORG: &str = "Demo GGZ";
    const PASSPHRASE: &str = "demo passphrase for houvast";
    let fresh = admin::create_org(db, ORG).await.is_ok();
    println!("──────────────── Houvast demo ────────────────");
    if fresh {
        let keys = admin::create_recovery_key(db, ORG, false).await?;
        println!("Organisation {ORG:?} created.");
        print!("{}", admin::print_recovery_secret(&keys));
        let inv = admin::invite_worker(
            db,
            secret,
            config,
            ORG,
            "demo.worker@houvast.test",
            "Demo Worker",
        )
        .await?;
        admin::activate_with_passphrase(db, secret, &inv.token, PASSPHRASE).await?;
        let invited = admin::invite_worker(
            db,
            secret,
            config,
            ORG,
            "new.worker@houvast.test",
            "New Worker",
        )
        .await?;
        println!();
        println!(
            "Worker (activated):  e-mail demo.worker@houvast.test   passphrase {PASSPHRASE:?}"
        );
        println!("Worker (to activate): new.worker@houvast.test — activation link:");
        println!("  {}", invited.link);
    } else {
        println!("Organisation {ORG:?} exists already in this data directory.");
        println!("Worker: e-mail demo.worker@houvast.test   passphrase {PASSPHRASE:?}");
    }
    println!(
        "Dashboard: {}/   API: {}/openapi.json",
        config.public_url, config.public_url
    );
    println!("──────────────────────────────────────────────");
    Ok(())
}
