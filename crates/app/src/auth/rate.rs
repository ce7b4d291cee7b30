//! Rate limits on fixed windows kept in the database, shared by every server process.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One limit: at most `limit` events per `window` for a key.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bucket: &'static str,
    pub window: Duration,
    pub limit: i32,
}

impl Limit {
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.duration_trunc(self.window).unwrap_or(now)
    }

    fn retry_after(&self, now: DateTime<Utc>) -> i64 {
        (self.window_start(now) + self.window - now)
            .num_seconds()
            .max(1)
    }

    /// Counts one event; refuses it when the window is already full.
    pub async fn hit(&self, st: &AppState, key: &[u8]) -> AppResult<()> {
        self.hit_with(st, st.db.ex(), key).await
    }

    /// The same inside the caller's transaction (SQLite has one writer: a write on another
    /// connection would wait for that transaction to end).
    pub async fn hit_with(
        &self,
        st: &AppState,
        ex: psk_store::Ex<'_>,
        key: &[u8],
    ) -> AppResult<()> {
        let now = st.clock.now();
        let n = psk_store::rate_limits::hit(ex, self.bucket, key, self.window_start(now)).await?;
        if n > self.limit {
            st.metrics.count_rate_limited(self.bucket);
            return Err(AppError::RateLimited {
                retry_after_secs: self.retry_after(now),
            });
        }
        Ok(())
    }

    /// The events counted in the current window.
    pub async fn count(&self, st: &AppState, key: &[u8]) -> AppResult<i32> {
        let now = st.clock.now();
        Ok(
            psk_store::rate_limits::peek(st.db.ex(), self.bucket, key, self.window_start(now))
                .await?,
        )
    }

    /// Seconds until the current window ends.
    pub fn seconds_left(&self, st: &AppState) -> i64 {
        self.retry_after(st.clock.now())
    }

    /// Takes back one event of the current window (a try that turned out to be legitimate).
    pub async fn refund(&self, st: &AppState, key: &[u8]) -> AppResult<()> {
        let now = st.clock.now();
        Ok(
            psk_store::rate_limits::refund(st.db.ex(), self.bucket, key, self.window_start(now))
                .await?,
        )
    }

    pub async fn clear(&self, st: &AppState, key: &[u8]) -> AppResult<()> {
        Ok(psk_store::rate_limits::clear(st.db.ex(), self.bucket, key).await?)
    }
}

/// A rate-limit key for a client address (hashed: addresses are personal data too). An IPv6
/// client is keyed by its /64, which one subscriber usually holds whole.
pub fn client_key(st: &AppState, ip: &str) -> Vec<u8> {
    let key = match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => ip.to_owned(),
    };
    st.keys.mac(&[b"client", key.as_bytes()])
}
