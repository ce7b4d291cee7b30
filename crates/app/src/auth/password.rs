//! Password hashing with argon2id (OWASP parameters, the crate's defaults), on a few dedicated
//! threads so a hash never stalls the async threads. Unknown accounts are checked against a dummy hash so
//! sign-in costs the same whether or not the account exists.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use psk_domain::password::Password;

/// The hashing threads: a fixed few (two per core), started on first use, each taking jobs from
/// one queue. A burst of sign-ins waits its turn instead of exhausting memory. Fixed threads
/// matter: on the blocking pool each hash ran on whichever thread was free, and the allocator
/// kept each thread's 19 MiB after use (bench/REPORT.md: the server grew to 960 MB during the
/// `journey` run).
type Job = Box<dyn FnOnce() + Send>;

static QUEUE: LazyLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> = LazyLock::new(|| {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    let threads = std::thread::available_parallelism()
        .map(|n| n.get() * 2)
        .unwrap_or(4);
    for i in 0..threads {
        let rx = rx.clone();
        std::thread::Builder::new()
            .name(format!("argon2-{i}"))
            .spawn(move || {
                loop {
                    let job = rx.lock().expect("hashing queue").recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            })
            .expect("starting a hashing thread");
    }
    std::sync::Mutex::new(tx)
});

/// Runs `work` on a hashing thread and waits for its answer without blocking the async threads.
async fn on_hashing_thread<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let span = tracing::Span::current();
    let job: Job = Box::new(move || {
        let _g = span.enter();
        let _ = tx.send(work());
    });
    QUEUE
        .lock()
        .expect("hashing queue")
        .send(job)
        .map_err(|_| anyhow::anyhow!("hashing threads stopped"))?;
    rx.await.context("password hashing task")?
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"no account has this password")
        .expect("hashing a constant")
        .to_string()
});

pub async fn hash(password: &Password) -> anyhow::Result<String> {
    let plain = password.expose().to_owned();
    on_hashing_thread(move || {
        Argon2::default()
            .hash_password(plain.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await
}

/// Checks `candidate` against `stored`, or against the dummy hash when there is no account.
pub async fn verify(stored: Option<String>, candidate: &str) -> anyhow::Result<bool> {
    let candidate = candidate.to_owned();
    on_hashing_thread(move || {
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
}

/// Builds the dummy hash at start-up rather than on the first unknown sign-in.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}
