//! The shared application state handed to every handler.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use psk_store::Db;
use tokio::sync::Notify;

use crate::config::Config;
use crate::crypto::Keys;
use crate::notify::Transports;
use crate::ops::metrics::Metrics;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub config: Config,
    pub keys: Keys,
    pub clock: Clock,
    pub metrics: Metrics,
    /// Wakes the in-process worker when a transaction has queued a job.
    pub jobs_ready: Notify,
    pub transports: Transports,
    /// Published course versions, parsed once (a version never changes).
    pub courses: std::sync::RwLock<std::collections::HashMap<uuid::Uuid, Arc<psk_course::Course>>>,
    /// Lesson videos and captions.
    pub media: crate::media::Store,
    /// Recent public verification answers (see the module).
    pub verify_cache: crate::certificate::cache::VerifyCache,
    /// The lesson video this process is making in the background, if any.
    pub video_render: crate::media::background::Status,
    /// The findable workers that candidate searches rank from.
    pub pool: Arc<crate::orgs::pool::Pool>,
    /// Audit entries that stand alone, committed together.
    pub audit: crate::audit::Queue,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(
        db: Db,
        config: Config,
        keys: Keys,
        transports: Transports,
        media: crate::media::Store,
    ) -> Self {
        Self(Arc::new(Inner {
            db,
            config,
            keys,
            clock: Clock::default(),
            metrics: Metrics::default(),
            jobs_ready: Notify::new(),
            transports,
            courses: Default::default(),
            media,
            verify_cache: Default::default(),
            video_render: Default::default(),
            pool: Default::default(),
            audit: Default::default(),
        }))
    }
}

/// The service's clock. Tests move it forward to see codes and sessions expire without waiting.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Today's date in Pakistan (PKT, UTC+5, no daylight saving): the day people see.
    /// Pakistan's date now (see [`crate::time`]).
    pub fn today(&self) -> NaiveDate {
        crate::time::pakistan_date(self.now())
    }

    /// Moves the clock to `at` (tests start rate-limit windows at a known point).
    pub fn set(&self, at: DateTime<Utc>) {
        self.offset_secs
            .store((at - Utc::now()).num_seconds(), Ordering::Relaxed);
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.offset_secs
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}
