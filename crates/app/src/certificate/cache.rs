//! A small in-process cache of public verification answers, so the check a protector office or
//! an employer repeats all day costs no database round trip. Every process keeps its own, and
//! entries live `certificates.verify_cache_seconds` (default 5): a revocation or reissue made by
//! any process is seen by every process within that time, and at once by the process that made
//! it. Only found certificates are kept (a number issued a moment ago is never "unknown" from
//! the cache), and the per-address allowance read is kept as long, dropped whenever that address
//! spends some of it. Time is the service clock's, so tests can move it.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::service::PublicStatus;

/// At most this many certificates are kept (a few hundred bytes each).
const MAX_ENTRIES: usize = 50_000;

#[derive(Default)]
pub struct VerifyCache {
    /// By certificate number: the status as stored (expiry is applied when read).
    found: Mutex<HashMap<String, (DateTime<Utc>, PublicStatus)>>,
    /// By hashed client address: the allowance used in the current window.
    used: Mutex<HashMap<Vec<u8>, (DateTime<Utc>, i32)>>,
}

impl VerifyCache {
    /// A fresh answer for `number`, with "expired" applied for `today`.
    pub fn get(
        &self,
        number: &str,
        now: DateTime<Utc>,
        ttl: Duration,
        today: NaiveDate,
    ) -> Option<PublicStatus> {
        let found = self.found.lock().expect("verify cache");
        let (at, s) = found.get(number)?;
        (now - *at < ttl).then(|| expired_on(s.clone(), today))
    }

    pub fn put(&self, number: &str, status: PublicStatus, now: DateTime<Utc>, ttl: Duration) {
        let mut found = self.found.lock().expect("verify cache");
        if found.len() >= MAX_ENTRIES {
            found.retain(|_, (at, _)| now - *at < ttl);
            if found.len() >= MAX_ENTRIES {
                found.clear();
            }
        }
        found.insert(number.to_owned(), (now, status));
    }

    /// Forgets a certificate this process has just changed.
    pub fn forget(&self, number: &str) {
        self.found.lock().expect("verify cache").remove(number);
    }

    pub fn used(&self, key: &[u8], now: DateTime<Utc>, ttl: Duration) -> Option<i32> {
        let used = self.used.lock().expect("verify cache");
        let (at, n) = used.get(key)?;
        (now - *at < ttl).then_some(*n)
    }

    pub fn put_used(&self, key: &[u8], n: i32, now: DateTime<Utc>, ttl: Duration) {
        let mut used = self.used.lock().expect("verify cache");
        if used.len() >= MAX_ENTRIES {
            used.retain(|_, (at, _)| now - *at < ttl);
            if used.len() >= MAX_ENTRIES {
                used.clear();
            }
        }
        used.insert(key.to_vec(), (now, n));
    }

    pub fn forget_used(&self, key: &[u8]) {
        self.used.lock().expect("verify cache").remove(key);
    }
}

/// A valid certificate past its expiry date reads "expired".
pub fn expired_on(mut s: PublicStatus, today: NaiveDate) -> PublicStatus {
    if s.status == "valid" && s.expires_on.is_some_and(|e| e < today) {
        s.status = "expired".into();
    }
    s
}
