//! Password hashing with argon2id (OWASP parameters, the crate's defaults: 19 MiB, 2 passes, 1
//! lane), on a few dedicated threads so a hash never stalls the async threads. Unknown accounts
//! are checked against a dummy hash so sign-in costs the same whether or not the account exists.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now(b"no account has this password").expect("hashing a constant"));

pub async fn hash(password: &Password) -> anyhow::Result<String> {
    let plain = password.expose().to_owned();
    on_hashing_thread(move || hash_now(plain.as_bytes())).await
}

/// Hashes a secret that is not a person's password (an erased account's random one).
pub async fn hash_any(secret: &str) -> anyhow::Result<String> {
    let plain = secret.to_owned();
    on_hashing_thread(move || hash_now(plain.as_bytes())).await
}

/// Checks `candidate` against `stored`, or against the dummy hash when there is no account.
pub async fn verify(stored: Option<String>, candidate: &str) -> anyhow::Result<bool> {
    let candidate = candidate.to_owned();
    on_hashing_thread(move || {
        let real = stored.is_some();
        let ok = matches(
            stored.as_deref().unwrap_or(&DUMMY_HASH),
            candidate.as_bytes(),
        )?;
        Ok(real && ok)
    })
    .await
}

/// Builds the dummy hash at start-up rather than on the first unknown sign-in.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

thread_local! {
    /// Each hashing thread's argon2 memory, allocated once and reused by every hash on it. A
    /// fresh 19 MiB per hash left the allocator holding hundreds of megabytes under a burst of
    /// sign-ins (bench/REPORT.md, `journey`).
    static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// argon2 of `password` and `salt` into `out`, in this thread's reused memory.
fn argon2_into(
    a: &Argon2<'_>,
    blocks: usize,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> anyhow::Result<()> {
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() != blocks {
            // Another cost (a hash stored before a change of parameters): the new size only.
            *memory = vec![Block::new(); blocks];
        }
        a.hash_password_into_with_memory(password, salt, out, memory.as_mut_slice())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
}

/// A new PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for `password`, with a random salt.
fn hash_now(password: &[u8]) -> anyhow::Result<String> {
    let a = Argon2::default();
    let params = a.params().clone();
    let salt: [u8; 16] = rand::random();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(&a, params.block_count(), password, &salt, &mut out)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("argon2: {e}"))?,
        salt: Some(Salt::new(&salt).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
    };
    Ok(phc.to_string())
}

/// Whether `password` gives the stored PHC string's hash, with the string's own parameters; the
/// comparison is constant-time (`Output`'s equality).
fn matches(stored: &str, password: &[u8]) -> anyhow::Result<bool> {
    let phc =
        PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
    let (Some(salt), Some(expected)) = (&phc.salt, &phc.hash) else {
        anyhow::bail!("stored hash has no salt or output");
    };
    let algorithm = Algorithm::try_from(phc.algorithm.as_str())
        .map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
    let version = match phc.version {
        Some(v) => Version::try_from(v).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?,
        None => Version::default(),
    };
    let params = Params::try_from(&phc).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
    let a = Argon2::new(algorithm, version, params.clone());
    let mut buf = [0u8; Output::MAX_LENGTH];
    let out = buf
        .get_mut(..expected.len())
        .ok_or_else(|| anyhow::anyhow!("stored hash too long"))?;
    argon2_into(&a, params.block_count(), password, salt.as_ref(), out)?;
    Ok(Output::new(out).map_err(|e| anyhow::anyhow!("argon2: {e}"))? == *expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn a_hash_matches_its_password_only() {
        let h = hash_now(b"correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(matches(&h, b"correct horse battery").unwrap());
        assert!(!matches(&h, b"correct horse batterY").unwrap());
        assert_ne!(
            h,
            hash_now(b"correct horse battery").unwrap(),
            "a fresh salt each time"
        );
    }

    #[test]
    fn hashes_stored_by_the_argon2_crate_still_verify_and_ours_verify_there() {
        // Accounts made before the reused memory keep their hashes; the crate reads ours.
        let theirs = Argon2::default()
            .hash_password(b"kept password")
            .unwrap()
            .to_string();
        assert!(matches(&theirs, b"kept password").unwrap());
        assert!(!matches(&theirs, b"other").unwrap());
        let ours = hash_now(b"kept password").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"kept password", &parsed)
                .is_ok()
        );
    }

    #[test]
    fn other_costs_verify_on_the_same_thread() {
        // A hash made with other parameters (as after a change of policy) resizes the memory
        // and back, with the right answers both ways.
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 1, 1, None).unwrap(),
        );
        let theirs = small.hash_password(b"old cost").unwrap().to_string();
        assert!(matches(&theirs, b"old cost").unwrap());
        let ours = hash_now(b"new cost").unwrap();
        assert!(matches(&ours, b"new cost").unwrap());
        assert!(matches(&theirs, b"old cost").unwrap());
        assert!(!matches(&theirs, b"new cost").unwrap());
    }

    #[test]
    fn unreadable_stored_hashes_are_errors_not_matches() {
        assert!(matches("not a hash", b"x").is_err());
        assert!(matches("$argon2id$v=19$m=19456,t=2,p=1", b"x").is_err());
    }
}
