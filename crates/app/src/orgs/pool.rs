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
//!   usually returns nothing. Reads are serialised, so changes apply in the order they were read.
//! - **The source tables still decide**: the caller re-checks the consent and the certificate of
//!   every worker shown; one who fails (a row deleted by erasure, which no change mark reports)
//!   is dropped from the pool, and the whole pool is reloaded every ten minutes in the background.
//! - Words match a token or the start of one, as the full-text index did; tokens are the
//!   domain's (`psk_domain::candidate::document`), so both databases answer alike.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use psk_domain::candidate::{
    POINTS_WANTS_DESTINATION, POINTS_WANTS_OCCUPATION, POINTS_WORKED_IN_OCCUPATION,
    POINTS_YEARS_CAP,
};
use psk_store::candidates::{Hit, PoolChanges, PoolRow};
use uuid::Uuid;

use crate::error::AppResult;
use crate::state::AppState;

/// How long a pool serves on its changes alone before it is loaded whole again.
const RELOAD_AFTER: Duration = Duration::from_secs(600);

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

/// A page of a search: the workers in order, each with its pool mark, and how many matched.
#[derive(Debug, Clone)]
pub struct Page {
    pub hits: Vec<(Hit, i64)>,
    pub total: usize,
}

struct Entry {
    row: PoolRow,
    /// Token ids, sorted.
    tokens: Box<[u32]>,
}

/// One loaded state of the pool.
#[derive(Default)]
struct Index {
    mark: i64,
    wording: i32,
    loaded: Option<Instant>,
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    by_user: HashMap<Uuid, u32>,
    vocab: BTreeMap<Box<str>, u32>,
    postings: Vec<Vec<u32>>,
}

impl Index {
    fn token(&mut self, t: &str) -> u32 {
        if let Some(id) = self.vocab.get(t) {
            return *id;
        }
        let id = self.postings.len() as u32;
        self.vocab.insert(t.into(), id);
        self.postings.push(vec![]);
        id
    }

    fn remove(&mut self, user: Uuid) {
        let Some(slot) = self.by_user.remove(&user) else {
            return;
        };
        if let Some(e) = self.slots[slot as usize].take() {
            for t in e.tokens.iter() {
                let list = &mut self.postings[*t as usize];
                if let Some(i) = list.iter().position(|s| *s == slot) {
                    list.swap_remove(i);
                }
            }
        }
        self.free.push(slot);
    }

    /// Takes a row as it now is: in the pool if the worker could be found, out otherwise.
    fn apply(&mut self, row: PoolRow) {
        self.remove(row.user_id);
        if row.consent_version.is_none() || row.certified_until.is_none() {
            return;
        }
        let mut tokens: Vec<u32> = row.doc.split_whitespace().map(|t| self.token(t)).collect();
        tokens.sort_unstable();
        tokens.dedup();
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for t in &tokens {
            self.postings[*t as usize].push(slot);
        }
        self.by_user.insert(row.user_id, slot);
        self.slots[slot as usize] = Some(Entry {
            row,
            tokens: tokens.into(),
        });
    }

    fn take(&mut self, c: PoolChanges) {
        for row in c.rows {
            self.apply(row);
        }
        self.mark = c.mark;
        self.wording = c.wording;
    }

    /// The slots holding a token that starts with `word`.
    fn starting_with(&self, word: &str) -> HashSet<u32> {
        self.vocab
            .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(word))
            .flat_map(|(_, id)| self.postings[*id as usize].iter().copied())
            .collect()
    }

    fn search(&self, q: &Query<'_>) -> Page {
        let mut exact = vec![];
        for t in q.exact {
            match self.vocab.get(t.as_str()) {
                Some(id) => exact.push(*id),
                None => {
                    return Page {
                        hits: vec![],
                        total: 0,
                    };
                }
            }
        }
        let words: Vec<HashSet<u32>> = q.words.iter().map(|w| self.starting_with(w)).collect();
        // The fewest slots to start from: the rarest exact token, else the rarest word, else
        // the workers named.
        let among: Option<Vec<u32>> = q.among.map(|ids| {
            ids.iter()
                .filter_map(|u| self.by_user.get(u).copied())
                .collect()
        });
        let start: Vec<u32> = if let Some(rarest) = exact
            .iter()
            .min_by_key(|t| self.postings[**t as usize].len())
        {
            self.postings[*rarest as usize].clone()
        } else if let Some(w) = words.iter().min_by_key(|w| w.len()) {
            w.iter().copied().collect()
        } else if let Some(a) = &among {
            a.clone()
        } else {
            return Page {
                hits: vec![],
                total: 0,
            };
        };
        let among: Option<HashSet<u32>> = among.map(|a| a.into_iter().collect());
        let mut scored: Vec<(i32, Option<NaiveDate>, i64, u32)> = vec![];
        for slot in start {
            let Some(e) = self.slots[slot as usize].as_ref() else {
                continue;
            };
            let r = &e.row;
            let findable = r.certified_until.is_some_and(|d| d >= q.today)
                && r.consent_version.is_some_and(|v| v >= self.wording)
                && r.education_rank >= q.education_rank
                && r.experience_months >= q.experience_months
                && (!q.driving_licence || r.driving_licence)
                && exact.iter().all(|t| e.tokens.binary_search(t).is_ok())
                && words.iter().all(|w| w.contains(&slot))
                && among.as_ref().is_none_or(|a| a.contains(&slot));
            if findable {
                scored.push((points(q, r), r.certified_on, r.seq, slot));
            }
        }
        let total = scored.len();
        // Best first under the published rule, then those certified longest, then the oldest row.
        let order = |a: &(i32, Option<NaiveDate>, i64, u32),
                     b: &(i32, Option<NaiveDate>, i64, u32)| {
            b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        let want = (q.offset + q.limit).min(total);
        if want < total && want > 0 {
            scored.select_nth_unstable_by(want - 1, order);
            scored.truncate(want);
        }
        scored.sort_unstable_by(order);
        let hits = scored
            .into_iter()
            .skip(q.offset)
            .take(q.limit)
            .filter_map(|(points, _, _, slot)| {
                let r = &self.slots[slot as usize].as_ref()?.row;
                Some((
                    Hit {
                        user_id: r.user_id,
                        occupation: r.occupation.clone(),
                        destination: r.destination.clone(),
                        past_occupations: r.past_occupations.clone(),
                        education_rank: r.education_rank,
                        experience_months: r.experience_months,
                        driving_licence: r.driving_licence,
                        languages: r.languages.clone(),
                        hec_verified: r.hec_verified,
                        certified_on: r.certified_on,
                        points,
                    },
                    r.changed,
                ))
            })
            .collect();
        Page { hits, total }
    }
}

/// The published ranking rule's points (`/placement/ranking`, `psk_domain::candidate::rank`).
fn points(q: &Query<'_>, r: &PoolRow) -> i32 {
    let mut p = 0;
    if let Some(o) = q.occupation {
        if r.occupation.as_deref() == Some(o) {
            p += POINTS_WANTS_OCCUPATION;
        }
        if r.past_occupations.split_whitespace().any(|x| x == o) {
            p += POINTS_WORKED_IN_OCCUPATION;
        }
    }
    if q.destination.is_some() && r.destination.as_deref() == q.destination {
        p += POINTS_WANTS_DESTINATION;
    }
    p + (r.experience_months / 12).min(POINTS_YEARS_CAP)
}

/// The pool: one index, read by searches and changed under `reading`.
#[derive(Default)]
pub struct Pool {
    index: RwLock<Index>,
    /// Serialises the reads of changes (and their application), so they apply in order.
    reading: tokio::sync::Mutex<()>,
    reloading: AtomicBool,
}

impl Pool {
    /// Brings the pool up to date with the database: loads it whole the first time, then reads
    /// what changed; starts a whole reload in the background when the pool is old.
    async fn catch_up(self: &Arc<Self>, st: &AppState) -> AppResult<()> {
        let _turn = self.reading.lock().await;
        let (loaded, mark) = {
            let i = self.index.read().expect("pool lock");
            (i.loaded, i.mark)
        };
        match loaded {
            None => {
                let mut fresh = Index::default();
                fresh.take(psk_store::candidates::pool_changes(st.db.ex(), None).await?);
                fresh.loaded = Some(Instant::now());
                *self.index.write().expect("pool lock") = fresh;
            }
            Some(at) => {
                let c = psk_store::candidates::pool_changes(st.db.ex(), Some(mark)).await?;
                let wording = self.index.read().expect("pool lock").wording;
                if !c.rows.is_empty() || c.mark != mark || c.wording != wording {
                    self.index.write().expect("pool lock").take(c);
                }
                if at.elapsed() > RELOAD_AFTER && !self.reloading.swap(true, Ordering::AcqRel) {
                    tokio::spawn(self.clone().reload(st.clone()));
                }
            }
        }
        Ok(())
    }

    /// Loads the whole pool again beside the one serving, then swaps them: what deletions
    /// the change marks cannot tell (erasures) leaves the pool this way.
    async fn reload(self: Arc<Self>, st: AppState) {
        let mut fresh = Index::default();
        let result = async {
            fresh.take(psk_store::candidates::pool_changes(st.db.ex(), None).await?);
            let _turn = self.reading.lock().await;
            let since = fresh.mark;
            fresh.take(psk_store::candidates::pool_changes(st.db.ex(), Some(since)).await?);
            fresh.loaded = Some(Instant::now());
            *self.index.write().expect("pool lock") = fresh;
            Ok::<_, crate::error::AppError>(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "reloading the candidate pool failed; it serves on its changes");
        }
        self.reloading.store(false, Ordering::Release);
    }

    /// The page of a search, the pool first brought up to date.
    pub async fn search(self: &Arc<Self>, st: &AppState, q: &Query<'_>) -> AppResult<Page> {
        self.catch_up(st).await?;
        Ok(self.index.read().expect("pool lock").search(q))
    }

    /// Drops the workers the source tables no longer let be shown, unless their row changed
    /// since the search read it (`(user, mark)` as in [`Page::hits`]).
    pub fn forget(&self, gone: &[(Uuid, i64)]) {
        if gone.is_empty() {
            return;
        }
        let mut i = self.index.write().expect("pool lock");
        for (user, changed) in gone {
            let same = i
                .by_user
                .get(user)
                .and_then(|s| i.slots[*s as usize].as_ref())
                .is_some_and(|e| e.row.changed == *changed);
            if same {
                i.remove(*user);
            }
        }
    }
}

#[cfg(test)]
#[path = "pool_tests.rs"]
mod tests;
