//! Password hashing with argon2id (OWASP parameters, the crate's defaults), on the blocking pool
//! so a hash never stalls the async threads. Unknown accounts are checked against a dummy hash so
//! sign-in costs the same whether or not the account exists.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use psk_domain::password::Password;
use tracing::Instrument;

/// At most this many hashes at once (each takes 19 MiB): a burst of sign-ins waits its turn
/// instead of exhausting memory or the blocking pool.
static PERMITS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(
        std::thread::available_parallelism()
            .map(|n| n.get() * 2)
            .unwrap_or(4),
    )
});

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"no account has this password")
        .expect("hashing a constant")
        .to_string()
});

pub async fn hash(password: &Password) -> anyhow::Result<String> {
    let _permit = PERMITS.acquire().await.context("hashing permits closed")?;
    let plain = password.expose().to_owned();
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _g = span.enter();
        Argon2::default()
            .hash_password(plain.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .in_current_span()
    .await
    .context("password hashing task")?
}

/// Checks `candidate` against `stored`, or against the dummy hash when there is no account.
pub async fn verify(stored: Option<String>, candidate: &str) -> anyhow::Result<bool> {
    let _permit = PERMITS.acquire().await.context("hashing permits closed")?;
    let candidate = candidate.to_owned();
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _g = span.enter();
        let real = stored.is_some();
        let text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed =
            PasswordHash::new(&text).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
        let ok = Argon2::default()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        Ok(real && ok)
    })
    .await
    .context("password verification task")?
}

/// Builds the dummy hash at start-up rather than on the first unknown sign-in.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}
