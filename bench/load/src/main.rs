//! `psk-load`: the load scenarios of bench/ that need signed-in trainees (`exam`, `journey`). The
//! stateless ones (`baseline`, `verify`) use wrk; see bench/README.md.

mod exam;
mod http;
mod journey;
mod outbox;
mod stats;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "psk-load",
    about = "Load scenarios for PakSoftSkills (see bench/README.md)"
)]
struct Cli {
    /// Worker threads of the load generator (one leaves the other core to the server).
    #[arg(long, default_value_t = 1, global = true)]
    threads: usize,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Subcommand)]
enum Scenario {
    /// Open final-test attempts saving answers and reloading the page, stepped up.
    Exam(exam::Args),
    /// Register, OTP, sign in, lessons, quizzes, tasks, final test and certificate.
    Journey(journey::Args),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cli.threads.max(1))
        .enable_all()
        .build()?;
    rt.block_on(async {
        match cli.scenario {
            Scenario::Exam(a) => exam::run(a).await,
            Scenario::Journey(a) => journey::run(a).await,
        }
    })
}
