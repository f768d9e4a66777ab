//! The administrator's command line, run as the real binary against a fresh database.

use crate::both_backends;
use crate::common::*;
use std::path::Path;
use std::process::{Command, Output};

struct Cli {
    /// `--data-dir DIR` or `--database-url URL`.
    db: Vec<String>,
    token_key: Option<String>,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_houvast-server"));
        cmd.args(args)
            .args(&self.db)
            .env_remove("DATABASE_URL")
            .env_remove("HOUVAST_TOKEN_KEY")
            .env("RUST_LOG", "warn");
        if let Some(key) = &self.token_key {
            cmd.env("HOUVAST_TOKEN_KEY", key);
        }
        cmd.output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{args:?}: {}\n{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// Runs and expects failure; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).to_string()
    }
}

fn link_token(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| {
            l.split_once("/activate#")
                .map(|(_, t)| t.trim().to_string())
        })
        .unwrap()
}

async fn admin_commands_disable_reset_reassign_and_read_the_audit_log(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let cli = match kind {
        Kind::Sqlite => Cli {
            db: vec!["--data-dir".into(), dir.path().display().to_string()],
            token_key: None,
        },
        Kind::Postgres => {
            let Some(url) = fresh_postgres().await else {
                return;
            };
            let key = Cli {
                db: vec![],
                token_key: None,
            }
            .ok(&["token-key", "new"]);
            Cli {
                db: vec!["--database-url".into(), url],
                token_key: Some(key.trim().to_string()),
            }
        }
    };
    let key = Cli {
        db: vec![],
        token_key: None,
    }
    .ok(&["token-key", "new"]);
    assert_eq!(key.trim().len(), 43, "{key}");

    cli.ok(&["org", "create", "CLI GGZ"]);
    let recovery = cli.ok(&["org", "recovery-key", "CLI GGZ"]);
    assert!(recovery.contains("Recovery SECRET key"));
    let invited = cli.ok(&[
        "worker",
        "invite",
        "--org",
        "CLI GGZ",
        "--email",
        "anna@ggz.example",
        "--name",
        "Anna",
        "--public-url",
        "https://houvast.ggz.example",
    ]);
    assert!(
        invited.contains("https://houvast.ggz.example/activate#"),
        "{invited}"
    );
    let first_token = link_token(&invited);
    cli.ok(&[
        "worker",
        "invite",
        "--org",
        "CLI GGZ",
        "--email",
        "bram@ggz.example",
        "--name",
        "Bram",
    ]);

    let disabled = cli.ok(&["worker", "disable", "--email", "anna@ggz.example"]);
    assert!(disabled.contains("switched off"), "{disabled}");
    let again = cli.ok(&["worker", "disable", "--email", "anna@ggz.example"]);
    assert!(again.contains("already"), "{again}");
    cli.ok(&["worker", "enable", "--email", "anna@ggz.example"]);
    let err = cli.fails(&["worker", "disable", "--email", "nobody@ggz.example"]);
    assert!(
        err.contains("no worker with e-mail nobody@ggz.example"),
        "{err}"
    );

    let reset = cli.ok(&["worker", "reset", "--email", "anna@ggz.example"]);
    let second_token = link_token(&reset);
    assert_ne!(first_token, second_token, "a new link");

    // Bram has not activated yet: nothing moves to him.
    let err = cli.fails(&[
        "worker",
        "reassign",
        "--from",
        "anna@ggz.example",
        "--to",
        "bram@ggz.example",
    ]);
    assert!(err.contains("has not activated"), "{err}");

    let log = cli.ok(&["audit", "--worker", "anna@ggz.example"]);
    for action in [
        "worker_invited",
        "worker_disabled",
        "worker_enabled",
        "worker_reset",
    ] {
        assert!(log.contains(action), "{action} missing:\n{log}");
    }
    assert!(!log.contains("bram"), "only Anna's entries:\n{log}");
    assert!(log.contains("worker=anna@ggz.example"), "by e-mail:\n{log}");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let json = cli.ok(&["audit", "--since", &today, "--until", &today, "--json"]);
    let entries: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(entries.len() >= 8, "{json}");
    assert!(entries
        .iter()
        .any(|e| e["action"] == "organisation_created"));
    let none = cli.ok(&["audit", "--until", "2000-01-01"]);
    assert!(none.trim().is_empty(), "{none}");
    let err = cli.fails(&["audit", "--since", "last tuesday"]);
    assert!(err.contains("neither a day"), "{err}");

    if kind == Kind::Postgres {
        // PostgreSQL instances need the token key from outside the database.
        let without = Cli {
            db: cli.db.clone(),
            token_key: None,
        };
        let err = without.fails(&[
            "worker",
            "invite",
            "--org",
            "CLI GGZ",
            "--email",
            "c@ggz.example",
            "--name",
            "C",
        ]);
        assert!(err.contains("HOUVAST_TOKEN_KEY"), "{err}");
        let wrong = Cli {
            db: cli.db.clone(),
            token_key: Some(key.trim().to_string()),
        };
        let err = wrong.fails(&[
            "worker",
            "invite",
            "--org",
            "CLI GGZ",
            "--email",
            "c@ggz.example",
            "--name",
            "C",
        ]);
        assert!(
            err.contains("not the one this database was set up with"),
            "{err}"
        );
    } else {
        assert!(Path::new(&dir.path().join("token-key")).exists());
    }
}
both_backends!(admin_commands_disable_reset_reassign_and_read_the_audit_log);
