//! The pool of findable workers that each process ranks candidate searches from (issue 14,
//! item 5). Ranking in the database read every certified worker holding the searched token for
//! every request, 54 ms at 100,000 trainees and ten times that at a million (bench/REPORT.md);
//! here a search intersects the posting lists of its tokens and scores the matches in memory.
//!
//! - **What it holds**: the `candidates` rows of workers with a consent and a certificate on
//!   record (about 200,000 at a million trainees), their tokens as ids, and a posting list per
//!   token. Workers whose consent predates the newest wording or whose certificate has expired
//!   stay in and are filtered out at search time, as the database query did.
//! - **Fresh on every request**: a search first reads the rows written since the last read
//!   (`candidates.changed`, see `psk_store::candidates::pool_changes`), one indexed statement that
//!   usually returns nothing. Reads are serialised, so changes apply in the order they were read,
//!   and shared: a search that finds a read finished which began after it arrived takes that
//!   read instead of making its own (it saw every change committed before the search arrived).
//! - **Nothing is missed**: a worker's row is never deleted, only emptied with a new change mark
//!   (`psk_store::candidates::refresh`), so a removal reaches the pool like any other change.
//! - **A mirror kept in the same transactions**: `psk_store::candidates::refresh` rewrites a
//!   worker's row in the transaction that changes their consent, certificate, profile, district
//!   or date of birth, so a search reads nothing but the changes (opening a profile still
//!   re-checks the source tables, `candidates::still_shown`). The rows carry what a result shows
//!   of the person (the encrypted date of birth, for an age band; province and district).
//! - Words match a token or the start of one, as the full-text index did; tokens are the
//!   domain's (`psk_domain::candidate::document`), so both databases answer alike.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use chrono::NaiveDate;
use psk_store::candidates::{Hit, Person};
use uuid::Uuid;

use crate::error::AppResult;
use crate::state::AppState;

/// A search, checked and turned into tokens (`psk_domain::candidate::Search`).
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// Coded tokens every result holds.
    pub exact: &'a [String],
    /// Words every result holds as a token or the start of one.
    pub words: &'a [String],
    pub today: NaiveDate,
    pub education_rank: i32,
    pub experience_months: i32,
    pub driving_licence: bool,
    /// Only these workers (those interested in a demand).
    pub among: Option<&'a [Uuid]>,
    /// For the ranking: the occupation and destination searched for.
    pub occupation: Option<&'a str>,
    pub destination: Option<&'a str>,
    pub limit: usize,
    pub offset: usize,
}

/// A page of a search: the workers in order, each with what a result shows of the person, and
/// how many matched.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub hits: Vec<(Hit, Person)>,
    pub total: usize,
}

/// The pool: one index, read by searches and changed under `reading`.
#[derive(Default)]
pub struct Pool {
    index: RwLock<Index>,
    /// Serialises the reads of changes (and their application), so they apply in order.
    reading: tokio::sync::Mutex<()>,
    /// How many reads of changes have begun, and the number of the last one finished.
    begun: AtomicU64,
    finished: AtomicU64,
}

impl Pool {
    /// Brings the pool up to date with the database: loads it whole the first time, then reads
    /// what changed. The index is locked for writing only when a row changed.
    async fn catch_up(&self, st: &AppState) -> AppResult<()> {
        let arrived = self.begun.load(Ordering::SeqCst);
        let _turn = self.reading.lock().await;
        if self.finished.load(Ordering::SeqCst) > arrived {
            return Ok(());
        }
        let this = self.begun.fetch_add(1, Ordering::SeqCst) + 1;
        self.read_changes(st).await?;
        self.finished.store(this, Ordering::SeqCst);
        Ok(())
    }

    /// One read of the changes (the whole pool the first time), applied; under `reading`.
    async fn read_changes(&self, st: &AppState) -> AppResult<()> {
        let (loaded, mark) = {
            let i = self.index.read().expect("pool lock");
            (i.loaded, i.mark())
        };
        if !loaded {
            *self.index.write().expect("pool lock") = Self::load(st).await?;
            return Ok(());
        }
        let c = psk_store::candidates::pool_changes(st.db.ex(), Some(mark)).await?;
        if c.rows.is_empty() {
            self.index.read().expect("pool lock").advance(&c);
        } else {
            self.index.write().expect("pool lock").take(c);
        }
        Ok(())
    }

    /// The whole pool, read from the database.
    async fn load(st: &AppState) -> AppResult<Index> {
        let started = Instant::now();
        let mut fresh = Index::default();
        fresh.take(psk_store::candidates::pool_changes(st.db.ex(), None).await?);
        tracing::info!(
            workers = fresh.len(),
            ms = started.elapsed().as_millis() as u64,
            "loaded the pool of findable workers"
        );
        Ok(fresh)
    }

    /// Loads the pool when the server starts, so that the first search does not wait for it.
    pub fn load_in_background(self: &Arc<Self>, st: &AppState) {
        let (pool, st) = (self.clone(), st.clone());
        tokio::spawn(async move {
            if let Err(e) = pool.catch_up(&st).await {
                tracing::warn!(error = %e, "loading the pool of findable workers failed; the first search tries again");
            }
        });
    }

    /// How many reads of changes this pool has begun (tests see searches share them).
    pub fn reads(&self) -> u64 {
        self.begun.load(Ordering::SeqCst)
    }

    /// Holds the turn to read changes, as a slow read would (tests make searches arrive
    /// while one is under way).
    #[doc(hidden)]
    pub async fn hold_reads(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.reading.lock().await
    }

    /// The page of a search, the pool first brought up to date.
    pub async fn search(&self, st: &AppState, q: &Query<'_>) -> AppResult<Page> {
        self.catch_up(st).await?;
        Ok(self.index.read().expect("pool lock").search(q))
    }
}

#[path = "pool_index.rs"]
mod index;
#[path = "pool_lists.rs"]
mod lists;
use index::Index;
