//! The command line: `serve`, `worker`, `migrate`, `admin …`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use psk_domain::role::Role;

use crate::admin::service::{self, Actor, StaffInput};
use crate::config::Config;
use crate::error::AppError;
use crate::i18n::Tr;
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
    /// says whose certificate it is, or why it fails.
    Verify {
        /// The QR code's text.
        qr: String,
        /// The published keys (JSON of `/api/v1/certificate-keys`); default: this database's.
        #[arg(long)]
        keys: Option<PathBuf>,
    },
    /// Administration commands.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Validate the content tree; every problem is printed with its file and line.
    Check {
        /// The content directory (default: `content_dir` from the configuration).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Validate and publish the content as a new version (nothing changes if a file is bad).
    Import {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Make a narrated slide video and captions for each video lesson of the newest published
    /// version (needs ffmpeg and espeak-ng); unchanged scripts are skipped.
    RenderVideos {
        /// Only this lesson (its id, e.g. `com-2`).
        #[arg(long)]
        lesson: Option<String>,
        /// Only this language: `en` or `ur`.
        #[arg(long, value_parser = ["en", "ur"])]
        lang: Option<String>,
        /// Only the first slide: a short proof of the look and the voice.
        #[arg(long)]
        first_slide_only: bool,
        /// Render again even if the script has not changed.
        #[arg(long)]
        force: bool,
        /// Where the slide fonts are (NotoSans-Regular.ttf, NotoNaskhArabic-Regular.ttf).
        #[arg(long, default_value = "fonts")]
        fonts: PathBuf,
    },
    /// Write content files back in the `content/` format, for review: the draft being edited in
    /// the browser (`--draft`) or the newest published version.
    Export {
        /// The directory to write (created; existing files with the same names are replaced).
        #[arg(long)]
        to: PathBuf,
        #[arg(long)]
        draft: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff account. The password is read from standard input (one line).
    CreateUser {
        /// trainee, protector_officer, employer_user, content_admin, grader, support_agent, analyst, administrator
        #[arg(long)]
        role: String,
        #[arg(long)]
        name: String,
        /// Mobile number: the sign-in identifier.
        #[arg(long)]
        mobile: String,
        #[arg(long, default_value = "")]
        cnic: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "en")]
        language: String,
        /// For a protector officer: the office code (e.g. LHR).
        #[arg(long, default_value = "")]
        office: String,
    },
    /// Add a new certificate signing key; older keys stop signing but stay published.
    RotateSigningKey,
    /// Register a BE&OE machine client; prints its id and secret (shown only now).
    CreateApiClient {
        #[arg(long)]
        name: String,
        /// certificates:read and/or stamps:write (repeat or separate with commas)
        #[arg(long, value_delimiter = ',', required = true)]
        scope: Vec<String>,
        /// The office its stamps are recorded for (needed with stamps:write).
        #[arg(long, default_value = "")]
        office: String,
    },
    /// Fill a test database with trainees and certificates for the load scenarios in bench/
    /// (all share the password `load test password 2026`; refused on a public https address).
    GenerateLoadData {
        #[arg(long, default_value_t = 1_000_000)]
        trainees: u64,
        #[arg(long, default_value_t = 500_000)]
        certificates: u64,
        /// The index of the first generated trainee (to add more to a generated database).
        #[arg(long, default_value_t = 0)]
        from: u64,
        /// How many trainees after those with certificates have finished the course and are
        /// signed in (for the `exam` scenario); needs --tokens.
        #[arg(long, default_value_t = 0)]
        exam_ready: u64,
        /// Where to write the exam-ready trainees' session tokens, `<web> <api>` a line.
        #[arg(long)]
        tokens: Option<std::path::PathBuf>,
    },
    /// Revoke a machine client: its secret stops working at once.
    RevokeApiClient {
        #[arg(long)]
        id: uuid::Uuid,
    },
    /// Change a person's role (by account id).
    SetRole {
        #[arg(long)]
        user: uuid::Uuid,
        #[arg(long)]
        role: String,
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
                let _ = tokio::signal::ctrl_c().await;
                let _ = tx.send(true);
            });
            worker::run(st, rx).await;
            Ok(())
        }
        Command::Admin { command } => admin(command, cfg).await,
        Command::Content { command } => content(command, cfg).await,
        Command::Verify { qr, keys } => verify(qr, keys, cfg).await,
    }
}

/// State for commands that use the services without serving.
async fn offline_state(cfg: Config) -> anyhow::Result<AppState> {
    let db = startup::open_database(&cfg).await?;
    let keys = crate::crypto::Keys::load(&cfg)?;
    let transports = Transports::from_config(&cfg)?;
    let media = crate::media::open_store(&cfg)?;
    let st = AppState::new(db, cfg, keys, transports, media);
    crate::protector::service::seed_offices(&st)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the protector offices: {e}"))?;
    Ok(st)
}

async fn content(cmd: ContentCommand, cfg: Config) -> anyhow::Result<()> {
    use crate::content::{self, ContentError};
    let report = |e: ContentError| match e {
        ContentError::Invalid(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::anyhow!("{} problem(s) found; nothing was imported", problems.len())
        }
        ContentError::Other(e) => e,
    };
    match cmd {
        ContentCommand::Check { dir } => {
            let dir = dir.unwrap_or(cfg.content_dir.clone());
            let course = content::check(&dir).map_err(report)?;
            let (m, l, q, t) = course.counts();
            println!(
                "content OK: version {}, {m} modules, {l} lessons, {q} questions, {t} tasks",
                course.version
            );
        }
        ContentCommand::Import { dir } => {
            let dir = dir.unwrap_or(cfg.content_dir.clone());
            let st = offline_state(cfg).await?;
            let imported = content::import(&st, &dir, None).await.map_err(report)?;
            let (m, l, q, t) = imported.course.counts();
            if imported.new {
                println!(
                    "published version {} ({}): {m} modules, {l} lessons, {q} questions, {t} tasks",
                    imported.label, imported.version_id
                );
            } else {
                println!(
                    "already published as version {} ({}); nothing changed",
                    imported.label, imported.version_id
                );
            }
        }
        ContentCommand::RenderVideos {
            lesson,
            lang,
            first_slide_only,
            force,
            fonts,
        } => {
            let st = offline_state(cfg).await?;
            let latest = psk_store::course::latest(st.db.ex())
                .await?
                .context("no course is published yet: run `softskills content import` first")?;
            let course = crate::learning::service::load_version(&st, latest.id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if let Some(l) = &lesson {
                match course.lesson(l) {
                    Some((_, found)) if found.kind == psk_course::LessonKind::Video => {}
                    Some(_) => anyhow::bail!("lesson {l} is a reading lesson, not a video lesson"),
                    None => anyhow::bail!("there is no lesson {l} in version {}", course.version),
                }
            }
            let values = crate::admin::settings::effective(&st, &course)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let opts = crate::media::render::Options {
                lesson,
                lang,
                first_slide_only,
                force,
                fonts_dir: fonts,
            };
            for o in crate::media::render::render_all(&st, &course, &values, &opts).await? {
                match o.duration_ms {
                    Some(ms) => println!(
                        "{} ({}): rendered, {:.1} s",
                        o.lesson,
                        o.lang,
                        ms as f64 / 1000.0
                    ),
                    None => println!("{} ({}): unchanged, skipped", o.lesson, o.lang),
                }
            }
        }
        ContentCommand::Export { to, draft } => {
            let st = offline_state(cfg).await?;
            let files = crate::authoring::service::export_files(&st, draft)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let n = crate::authoring::service::write_tree(&to, &files)?;
            println!("{n} files written to {}", to.display());
        }
    }
    Ok(())
}

/// Offline verification of a QR text.
async fn verify(qr: String, keys: Option<PathBuf>, cfg: Config) -> anyhow::Result<()> {
    use base64::Engine;
    let keys: Vec<psk_cert::PublicKey> = match keys {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let set: serde_json::Value =
                serde_json::from_str(&text).context("the key file is not JSON")?;
            set["keys"]
                .as_array()
                .context("the key file has no \"keys\" list")?
                .iter()
                .filter_map(|k| {
                    let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
                        .decode(k["x"].as_str()?)
                        .ok()?;
                    Some(psk_cert::PublicKey {
                        kid: k["kid"].as_str()?.to_owned(),
                        key: x.try_into().ok()?,
                    })
                })
                .collect()
        }
        None => {
            let st = offline_state(cfg).await?;
            crate::certificate::keys::published(&st)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        }
    };
    let today = chrono::Utc::now().date_naive();
    match psk_cert::seal::verify(&qr, &keys, today) {
        Ok(c) => {
            println!(
                "valid signature: {} · {}{} · CNIC ending {} · issued {} · expires {}",
                c.number,
                c.name,
                c.name_ur.map(|u| format!(" ({u})")).unwrap_or_default(),
                c.cnic_last4,
                c.issued,
                c.expires
            );
            Ok(())
        }
        Err(e) => anyhow::bail!("{e}"),
    }
}

async fn admin(cmd: AdminCommand, cfg: Config) -> anyhow::Result<()> {
    let st = offline_state(cfg).await?;
    let tr = Tr::new(psk_domain::lang::Lang::En);
    let explain = |e: AppError| match e {
        AppError::Fields(f) => anyhow::anyhow!(
            f.0.iter()
                .map(|f| format!("{}: {}", flag_of(f.field), tr.error(f.field, f.code)))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{}", crate::web::errors::detail(&tr, &other.problem())),
    };
    match cmd {
        AdminCommand::CreateUser {
            role,
            name,
            mobile,
            cnic,
            email,
            language,
            office,
        } => {
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("reading the password from standard input")?;
            let password = password.lines().next().unwrap_or("").to_owned();
            let input = StaffInput {
                role,
                full_name: name,
                mobile,
                cnic,
                email,
                language,
                password,
                office,
            };
            let id = service::create_staff(&st, Actor::Cli, &input, None)
                .await
                .map_err(explain)?;
            println!("{id}");
        }
        AdminCommand::CreateApiClient {
            name,
            scope,
            office,
        } => {
            let c = crate::protector::clients::create(&st, None, &name, &scope, &office)
                .await
                .map_err(explain)?;
            println!(
                "client id: {}
client secret: {}
(the secret is shown only now)",
                c.client_id, c.client_secret
            );
        }
        AdminCommand::GenerateLoadData {
            trainees,
            certificates,
            from,
            exam_ready,
            tokens,
        } => {
            let started = std::time::Instant::now();
            let plan = crate::loaddata::Plan {
                from,
                trainees,
                certificates,
                exam_ready,
                tokens,
            };
            let w = crate::loaddata::generate(&st, &plan).await?;
            println!(
                "{} trainees, {} certificates and {} exam-ready trainees written in {:.1} s",
                w.trainees,
                w.certificates,
                w.exam_ready,
                started.elapsed().as_secs_f64()
            );
        }
        AdminCommand::RevokeApiClient { id } => {
            crate::protector::clients::revoke(&st, None, id)
                .await
                .map_err(explain)?;
            println!("{id}: revoked");
        }
        AdminCommand::RotateSigningKey => {
            let kid = crate::certificate::keys::create(&st)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("new signing key {kid}; older keys stay published for verification");
        }
        AdminCommand::SetRole { user, role } => {
            let role = Role::parse(&role)
                .map_err(|_| anyhow::anyhow!("--role: {}", tr.error("role", "choose_option")))?;
            service::set_role(&st, Actor::Cli, user, role, None)
                .await
                .map_err(explain)?;
            println!("{user}: {}", role.as_str());
        }
    }
    Ok(())
}

/// The command-line flag (or input) a field came from.
fn flag_of(field: &str) -> String {
    match field {
        "full_name" => "--name".into(),
        "password" => "password (standard input)".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}
