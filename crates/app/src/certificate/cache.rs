//! A small in-process cache of public verification answers, so the check a protector office or
//! an employer repeats all day costs no database round trip. Every process keeps its own, and
//! entries live `certificates.verify_cache_seconds` (default 5): a revocation or reissue made by
//! any process is seen by every process within that time, and at once by the process that made
//! it. Only found certificates are kept (a number issued a moment ago is never "unknown" from
//! the cache), and the per-address allowance read is kept as long, dropped whenever that address
//! spends some of it. Time is the service clock's, so tests can move it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::service::PublicStatus;

/// At most this many entries of each kind are kept (a few hundred bytes each).
const MAX_ENTRIES: usize = 50_000;

/// Values with the time they were read; bounded: when full, expired entries go, then all.
struct Timed<K, V>(Mutex<HashMap<K, (DateTime<Utc>, V)>>);

impl<K: Eq + Hash, V: Clone> Default for Timed<K, V> {
    fn default() -> Self {
        Self(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Timed<K, V> {
    fn get<Q: Eq + Hash + ?Sized>(&self, key: &Q, now: DateTime<Utc>, ttl: Duration) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        let map = self.0.lock().expect("verify cache");
        let (at, v) = map.get(key)?;
        (now - *at < ttl).then(|| v.clone())
    }

    fn put(&self, key: K, value: V, now: DateTime<Utc>, ttl: Duration) {
        let mut map = self.0.lock().expect("verify cache");
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (at, _)| now - *at < ttl);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(key, (now, value));
    }

    fn remove<Q: Eq + Hash + ?Sized>(&self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.lock().expect("verify cache").remove(key);
    }
}

#[derive(Default)]
pub struct VerifyCache {
    /// By certificate number: the status as stored (expiry is applied when read).
    found: Timed<String, PublicStatus>,
    /// By hashed client address: the allowance used in the current window.
    used: Timed<Vec<u8>, i32>,
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
        self.found
            .get(number, now, ttl)
            .map(|s| expired_on(s, today))
    }

    pub fn put(&self, number: &str, status: PublicStatus, now: DateTime<Utc>, ttl: Duration) {
        self.found.put(number.to_owned(), status, now, ttl);
    }

    /// Forgets a certificate this process has just changed.
    pub fn forget(&self, number: &str) {
        self.found.remove(number);
    }

    pub fn used(&self, key: &[u8], now: DateTime<Utc>, ttl: Duration) -> Option<i32> {
        self.used.get(key, now, ttl)
    }

    pub fn put_used(&self, key: &[u8], n: i32, now: DateTime<Utc>, ttl: Duration) {
        self.used.put(key.to_vec(), n, now, ttl);
    }

    pub fn forget_used(&self, key: &[u8]) {
        self.used.remove(key);
    }
}

/// A valid certificate past its expiry date reads "expired".
pub fn expired_on(mut s: PublicStatus, today: NaiveDate) -> PublicStatus {
    if s.status == "valid" && s.expires_on.is_some_and(|e| e < today) {
        s.status = "expired".into();
    }
    s
}
