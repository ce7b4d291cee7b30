//! The command line: `serve`, `worker`, `migrate`, `admin …`.
//!
//! This file parses the command and runs `serve`, `worker` and `migrate`; the command groups are
//! declared and run in `content.rs`, `verify.rs` and `admin.rs`.

mod admin;
mod content;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use self::admin::{AdminCommand, admin};
use self::content::{ContentCommand, content};
use self::verify::verify;
use crate::config::Config;
use crate::notify::{Transports, worker};
use crate::startup::{self, Application};
use crate::state::AppState;

#[derive(Parser)]
#[command(
    name = "softskills",
    version,
    about = "PakSoftSkills: registration, course, test and certificate for workers going abroad"
)]
struct Cli {
    /// Configuration file (TOML); `softskills.toml` in the working directory is read when present.
    #[arg(long, global = true, env = "SOFTSKILLS_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (web, API and, by default, the background worker).
    Serve,
    /// Run only the background worker (SMS, email, retention).
    Worker,
    /// Apply database migrations and exit.
    Migrate,
    /// Course content: check the files, or import them as a new published version.
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// Verify a certificate's QR text (the link or `PSS1:…`) offline against published keys:
    /// says whose certificate it is, or why it fails. With a trust list, also whether it was
    /// revoked or replaced by the list's date, and how old the list is.
    Verify {
        /// The QR code's text.
        qr: String,
        /// The published keys (JSON of `/api/v1/certificate-keys`); default: this database's.
        /// With --trust-list, the keys the list's signature must come from.
        #[arg(long)]
        keys: Option<PathBuf>,
        /// The signed trust list (JSON of `/api/v1/trust-list`): its keys and windows, and the
        /// revoked and superseded numbers.
        #[arg(long)]
        trust_list: Option<PathBuf>,
    },
    /// Administration commands.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let cfg = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e:#}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init(&cfg.log_format);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(dispatch(cli.command, cfg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cmd: Command, cfg: Config) -> anyhow::Result<()> {
    match cmd {
        Command::Serve => Application::build(cfg).await?.run().await,
        Command::Migrate => {
            startup::open_database(&cfg).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Worker => {
            let st = offline_state(cfg).await?;
            let (tx, rx) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                startup::shutdown_signal().await;
                tracing::info!("stopping: the job in hand is finished first");
                let _ = tx.send(true);
            });
            tokio::spawn(crate::media::background::render_missing(st.clone()));
            worker::run(st.clone(), rx).await;
            st.db.close().await;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Admin { command } => admin(command, cfg).await,
        Command::Content { command } => content(command, cfg).await,
        Command::Verify {
            qr,
            keys,
            trust_list: Some(list),
        } => verify::with_trust_list(&qr, &list, keys.as_deref()),
        Command::Verify {
            qr,
            keys,
            trust_list: None,
        } => verify(qr, keys, cfg).await,
    }
}

/// State for commands that use the services without serving.
async fn offline_state(cfg: Config) -> anyhow::Result<AppState> {
    let db = startup::open_database(&cfg).await?;
    let keys = crate::crypto::Keys::load(&cfg)?;
    let transports = Transports::from_config(&cfg)?;
    let media = crate::media::open_store(&cfg)?;
    let st = AppState::new(db, cfg, keys, transports, media);
    crate::protector::offices::seed_offices(&st)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the protector offices: {e}"))?;
    Ok(st)
}
