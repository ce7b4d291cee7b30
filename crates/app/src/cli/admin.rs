//! `softskills admin …`: staff accounts and roles, certificate signing keys, BE&OE machine
//! clients, and load-test data.

use std::io::Read;

use anyhow::Context;
use clap::Subcommand;
use psk_domain::role::Role;

use super::offline_state;
use crate::admin::service::{self, Actor, StaffInput};
use crate::config::Config;
use crate::error::AppError;
use crate::i18n::Tr;

#[derive(Subcommand)]
pub(super) enum AdminCommand {
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
    /// Declare a signing key compromised (stolen): nothing it signed verifies any more, and a new
    /// key takes over if it was signing. Reissue the certificates it signed.
    CompromiseSigningKey {
        /// The key id (16 hex digits, as in /api/v1/certificate-keys)
        #[arg(long)]
        kid: String,
        /// Why (kept in the audit log)
        #[arg(long)]
        reason: String,
    },
    /// Register a BE&OE machine client; prints its id and secret (shown only now).
    CreateApiClient {
        #[arg(long)]
        name: String,
        /// certificates:read and/or stamps:write (repeat or separate with commas)
        #[arg(long, value_delimiter = ',', required = true)]
        scope: Vec<String>,
        /// The office the client works for (required; its stamps are recorded for it).
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
        /// Approved OEPs to add, each with one user (for the candidate search); needs
        /// --org-tokens.
        #[arg(long, default_value_t = 0)]
        organisations: u64,
        /// Approved job demands per OEP.
        #[arg(long, default_value_t = 4)]
        demands: u64,
        /// Consenting workers shortlisted per demand.
        #[arg(long, default_value_t = 10)]
        shortlist: u64,
        /// Where to write the OEP users' API tokens, one a line.
        #[arg(long)]
        org_tokens: Option<std::path::PathBuf>,
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

pub(super) async fn admin(cmd: AdminCommand, cfg: Config) -> anyhow::Result<()> {
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
            organisations,
            demands,
            shortlist,
            org_tokens,
        } => {
            let started = std::time::Instant::now();
            let plan = crate::loaddata::Plan {
                from,
                trainees,
                certificates,
                exam_ready,
                tokens,
                organisations,
                demands,
                shortlist,
                org_tokens,
            };
            let w = crate::loaddata::generate(&st, &plan).await?;
            println!(
                "{} trainees, {} certificates, {} exam-ready trainees and {} organisations written in {:.1} s",
                w.trainees,
                w.certificates,
                w.exam_ready,
                w.organisations,
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
        AdminCommand::CompromiseSigningKey { kid, reason } => {
            if reason.trim().is_empty() {
                anyhow::bail!("--reason: {}", tr.error("reason", "required"));
            }
            let new = crate::certificate::keys::compromise(&st, kid.trim(), reason.trim())
                .await
                .map_err(|e| match e {
                    crate::error::AppError::NotFound => {
                        anyhow::anyhow!("--kid: no signing key {kid}")
                    }
                    e => anyhow::anyhow!("{e}"),
                })?;
            println!("signing key {kid} is compromised: nothing it signed verifies any more");
            if let Some(new) = new {
                println!("new signing key {new}");
            }
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
