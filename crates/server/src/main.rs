//! `houvast-server`: the server and its administrator's command line.

use clap::{Args, Parser, Subcommand};
use houvast_server::db::Db;
use houvast_server::{admin, AppState, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// SQLite: the directory that holds the database file (default).
    #[arg(
        long,
        default_value = "./houvast-data",
        conflicts_with = "database_url"
    )]
    data_dir: PathBuf,
    /// PostgreSQL: postgres://user:password@host/db (several instances may share it).
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
}

impl DbArgs {
    async fn open(&self) -> Result<Db, String> {
        match &self.database_url {
            Some(url) => Db::open(url).await,
            None => Db::open_sqlite_dir(&self.data_dir).await,
        }
        .map_err(|e| e.to_string())
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
    /// X-Forwarded-For entry (for rate limits).
    #[arg(long)]
    behind_proxy: bool,
    /// Log as JSON lines.
    #[arg(long)]
    log_json: bool,
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

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => serve(args, false).await,
        Command::Demo(args) => serve(args, true).await,
        Command::Migrate(db) => {
            db.open().await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Org(OrgCommand::Create { name, db }) => {
            let id = admin::create_org(&db.open().await?, &name)
                .await
                .map_err(|e| e.to_string())?;
            println!("created organisation {name:?} ({id})");
            println!("next: houvast-server org recovery-key {name:?}");
            Ok(())
        }
        Command::Org(OrgCommand::RecoveryKey { name, replace, db }) => {
            let keys = admin::create_recovery_key(&db.open().await?, &name, replace)
                .await
                .map_err(|e| e.to_string())?;
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
            let inv = admin::invite_worker(&db.open().await?, &config, &org, &email, &name)
                .await
                .map_err(|e| e.to_string())?;
            println!("invited {email}; send them this one-time activation link (valid 7 days):");
            println!("{}", inv.link);
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs, demo: bool) -> Result<(), String> {
    init_logs(args.log_json);
    let db = args.db.open().await?;
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
    if demo {
        print_demo(&db, &config).await?;
    }
    let state = AppState::new(db, config).await.map_err(|e| e.to_string())?;
    tracing::info!(listen = %args.listen, backend = ?state.db.backend, tls = args.tls_cert.is_some(), "houvast-server started");
    match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => houvast_server::serve_tls(args.listen, state, cert, key)
            .await
            .map_err(|e| e.to_string()),
        _ => {
            let listener = tokio::net::TcpListener::bind(args.listen)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
            houvast_server::serve(listener, state, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
        }
    }
}

async fn print_demo(db: &Db, config: &Config) -> Result<(), String> {
    const ORG: &str = "Demo GGZ";
    const PASSPHRASE: &str = "demo passphrase for houvast";
    let err = |e: houvast_server::error::ApiError| e.to_string();
    let fresh = admin::create_org(db, ORG).await.is_ok();
    println!("──────────────── Houvast demo ────────────────");
    if fresh {
        let keys = admin::create_recovery_key(db, ORG, false)
            .await
            .map_err(err)?;
        println!("Organisation {ORG:?} created.");
        print!("{}", admin::print_recovery_secret(&keys));
        let inv = admin::invite_worker(db, config, ORG, "demo.worker@houvast.test", "Demo Worker")
            .await
            .map_err(err)?;
        admin::activate_with_passphrase(db, &inv.token, PASSPHRASE)
            .await
            .map_err(err)?;
        let invited =
            admin::invite_worker(db, config, ORG, "new.worker@houvast.test", "New Worker")
                .await
                .map_err(err)?;
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
        "Server: {}   API: {}/openapi.json",
        config.public_url, config.public_url
    );
    println!("──────────────────────────────────────────────");
    Ok(())
}
