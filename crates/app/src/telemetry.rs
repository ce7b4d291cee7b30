//! Structured logs: human-readable text by default, JSON lines for collectors
//! (`log_format = "json"`); the level from `RUST_LOG` (default `info`). Logs carry ids and codes,
//! never personal data. Logs go to standard error; standard output is left to command results.

use tracing_subscriber::EnvFilter;

pub fn init(format: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr);
    let _ = if format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}
