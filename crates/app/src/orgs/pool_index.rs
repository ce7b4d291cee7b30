//! The pool's index (see `pool.rs`): the findable workers' rows, small facts side by side for
//! the scan, and a sorted posting list per token; a search intersects the lists, filters on the
//! facts and ranks, touching a worker's full row only for the page shown.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering};

use chrono::NaiveDate;
use psk_domain::candidate::{
    self, POINTS_WANTS_DESTINATION, POINTS_WANTS_OCCUPATION, POINTS_WORKED_IN_OCCUPATION,
    POINTS_YEARS_CAP,
};
use psk_store::candidates::{Hit, Person, PoolChanges, PoolRow};
use uuid::Uuid;

use super::lists::{Cursor, Slots};
use super::{Page, Query};

struct Entry {
    /// The row, without its document (its tokens are below).
    row: PoolRow,
    /// Token ids, sorted: the document's and one per occupation worked in.
    tokens: Box<[u32]>,
}

/// What the filters and the ranking read of a worker, 14 bytes side by side: the scan waits
/// mostly on loading them, so they are kept small enough for 200,000 to stay in a core's cache.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    /// Days from 2000-01-01: the certificate's end, the first certificate ([`NONE`] when none).
    until: u16,
    certified_on: u16,
    months: u16,
    consent: u16,
    /// The wanted occupation and destination, as numbers given in `Index::codes` ([`NONE`]
    /// when not given): the ranking compares them instead of walking two more lists.
    wants: u16,
    goes: u16,
    education: i8,
    driving: bool,
}

/// No value (and a day past every certificate's end).
const NONE: u16 = u16::MAX;

/// Days from 2000-01-01, within `0..NONE`.
fn days(d: NaiveDate) -> u16 {
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date");
    u16::try_from((d - from).num_days().clamp(0, i64::from(NONE - 1))).unwrap_or(0)
}

/// A number within `0..=NONE`, saturating.
fn small(n: i32) -> u16 {
    u16::try_from(n.max(0)).unwrap_or(NONE)
}

/// One loaded state of the pool.
#[derive(Default)]
pub(super) struct Index {
    /// Where the next read of changes starts, and the newest wording of the consent: moved on
    /// under a read lock when nothing changed (the pool serialises its reads).
    mark: AtomicI64,
    wording: AtomicI32,
    pub loaded: bool,
    slots: Vec<Option<Entry>>,
    facts: Vec<Facts>,
    /// The rows' marks, for the ranking's last tie-break (read for the page's contenders only).
    seqs: Vec<i64>,
    /// The wanted occupations and destinations, numbered for the facts.
    codes: HashMap<Box<str>, u16>,
    free: Vec<u32>,
    by_user: HashMap<Uuid, u32>,
    vocab: BTreeMap<Box<str>, u32>,
    /// Per token, the slots holding it, sorted.
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

    /// The number of a wanted occupation or destination ([`NONE`] for none, and past 65,535
    /// different ones, which the bundled lists are far from).
    fn code(&mut self, value: Option<&str>) -> u16 {
        let Some(v) = value else { return NONE };
        if let Some(n) = self.codes.get(v) {
            return *n;
        }
        let n = u16::try_from(self.codes.len()).unwrap_or(NONE);
        if n != NONE {
            self.codes.insert(v.into(), n);
        }
        n
    }

    fn list(&self, token: &str) -> &[u32] {
        self.vocab
            .get(token)
            .map_or(&[], |id| self.postings[*id as usize].as_slice())
    }

    pub fn remove(&mut self, user: Uuid) {
        let Some(slot) = self.by_user.remove(&user) else {
            return;
        };
        if let Some(e) = self.slots[slot as usize].take() {
            for t in e.tokens.iter() {
                let list = &mut self.postings[*t as usize];
                if let Ok(i) = list.binary_search(&slot) {
                    list.remove(i);
                }
            }
        }
        self.free.push(slot);
    }

    /// How many workers the pool holds.
    pub fn len(&self) -> usize {
        self.by_user.len()
    }

    pub fn mark(&self) -> i64 {
        self.mark.load(Ordering::Relaxed)
    }

    /// Takes a row as it now is: in the pool if the worker could be found, out otherwise.
    fn apply(&mut self, mut row: PoolRow) {
        self.remove(row.user_id);
        let (Some(consent), Some(until)) = (row.consent_version, row.certified_until) else {
            return;
        };
        let doc = std::mem::take(&mut row.doc);
        let mut tokens: Vec<u32> = doc.split_whitespace().map(|t| self.token(t)).collect();
        let worked: Vec<String> = row
            .past_occupations
            .split_whitespace()
            .map(candidate::worked_token)
            .collect();
        tokens.extend(worked.iter().map(|t| self.token(t)).collect::<Vec<_>>());
        tokens.sort_unstable();
        tokens.dedup();
        let wants = self.code(row.occupation.as_deref());
        let goes = self.code(row.destination.as_deref());
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                self.facts.push(Facts::default());
                self.seqs.push(0);
                (self.slots.len() - 1) as u32
            }
        };
        for t in &tokens {
            let list = &mut self.postings[*t as usize];
            let at = list.partition_point(|s| *s < slot);
            list.insert(at, slot);
        }
        self.facts[slot as usize] = Facts {
            until: days(until),
            certified_on: row.certified_on.map_or(NONE, days),
            months: small(row.experience_months),
            consent: small(consent),
            education: i8::try_from(row.education_rank).unwrap_or(i8::MAX),
            driving: row.driving_licence,
            wants,
            goes,
        };
        self.seqs[slot as usize] = row.seq;
        self.by_user.insert(row.user_id, slot);
        self.slots[slot as usize] = Some(Entry {
            row,
            tokens: tokens.into(),
        });
    }

    pub fn take(&mut self, c: PoolChanges) {
        self.advance(&c);
        for row in c.rows {
            self.apply(row);
        }
        self.loaded = true;
    }

    /// Moves the mark and the wording on, for a read that found no row.
    pub fn advance(&self, c: &PoolChanges) {
        self.mark.store(c.mark, Ordering::Relaxed);
        self.wording.store(c.wording, Ordering::Relaxed);
    }

    /// The ids of the tokens that start with `word`.
    fn starting_with(&self, word: &str) -> Vec<u32> {
        self.vocab
            .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(word))
            .map(|(_, id)| *id)
            .collect()
    }

    /// The slots holding any of `tokens`.
    fn holding_any(&self, tokens: &[u32]) -> Slots {
        let mut m = Slots::new(self.slots.len());
        let slots = tokens.iter().flat_map(|id| &self.postings[*id as usize]);
        slots.for_each(|slot| m.insert(*slot));
        m
    }

    /// Calls `visit` with the slots to look at, in increasing order: those holding every exact
    /// token, else the rarest word's, else the workers named.
    fn each_start(
        exact: &[&[u32]],
        words: &[Slots],
        among: Option<&[u32]>,
        visit: impl FnMut(u32),
    ) {
        let mut visit = visit;
        if let Some((first, rest)) = exact.split_first() {
            let mut cursors: Vec<Cursor<'_>> = rest.iter().map(|l| Cursor { list: l }).collect();
            for s in first.iter().copied() {
                if cursors.iter_mut().all(|c| c.has(s)) {
                    visit(s);
                }
            }
        } else if let Some(w) = words.iter().min_by_key(|w| w.len) {
            w.iter().for_each(visit);
        } else {
            among.unwrap_or_default().iter().copied().for_each(visit);
        }
    }

    pub fn search(&self, q: &Query<'_>) -> Page {
        let mut exact: Vec<&[u32]> = vec![];
        for t in q.exact {
            match self.vocab.get(t.as_str()) {
                Some(id) => exact.push(&self.postings[*id as usize]),
                None => return Page::default(),
            }
        }
        // A word that starts one token only is that token's list, merged like the exact ones
        // (most words); one that starts several is the union of their lists, as a bitmap.
        let mut words: Vec<Slots> = vec![];
        for w in q.words {
            match self.starting_with(w).as_slice() {
                [] => return Page::default(),
                [one] => exact.push(&self.postings[*one as usize]),
                several => words.push(self.holding_any(several)),
            }
        }
        exact.sort_by_key(|l| l.len());
        let among: Option<Vec<u32>> = q.among.map(|ids| {
            let mut a: Vec<u32> = ids
                .iter()
                .filter_map(|u| self.by_user.get(u).copied())
                .collect();
            a.sort_unstable();
            a
        });
        let mut named = among.as_deref().map(|list| Cursor { list });
        let mut worked = Cursor {
            list: q
                .occupation
                .map_or(&[][..], |o| self.list(&candidate::worked_token(o))),
        };
        let wants = q.occupation.and_then(|o| self.codes.get(o).copied());
        let goes = q.destination.and_then(|d| self.codes.get(d).copied());
        let today = days(q.today);
        let wording = self.wording.load(Ordering::Relaxed);
        // The best `keep` so far, the worst on top; and how many matched in all.
        let keep = q.offset + q.limit;
        let mut best: BinaryHeap<Ranked> = BinaryHeap::with_capacity(keep + 1);
        let mut total = 0;
        Self::each_start(&exact, &words, among.as_deref(), |slot| {
            let f = &self.facts[slot as usize];
            let findable = f.until >= today
                && i32::from(f.consent) >= wording
                && i32::from(f.education) >= q.education_rank
                && i32::from(f.months) >= q.experience_months
                && (!q.driving_licence || f.driving)
                && words.iter().all(|w| w.contains(slot))
                && named.as_mut().is_none_or(|c| c.has(slot));
            if !findable {
                return;
            }
            total += 1;
            // The published rule (`/placement/ranking`, `psk_domain::candidate::rank`).
            let points = (i32::from(f.months) / 12).min(POINTS_YEARS_CAP)
                + i32::from(wants == Some(f.wants)) * POINTS_WANTS_OCCUPATION
                + i32::from(worked.has(slot)) * POINTS_WORKED_IN_OCCUPATION
                + i32::from(goes == Some(f.goes)) * POINTS_WANTS_DESTINATION;
            // Most matches lose to the page's worst on points or the day: the row's mark, for
            // the last tie-break, is read only for the others.
            let ahead = (points, Reverse(f.certified_on));
            let worst = best.peek().map(|w| (w.points, Reverse(w.certified_on)));
            if best.len() == keep && worst.is_some_and(|w| w > ahead) {
                return;
            }
            let r = Ranked {
                points,
                certified_on: f.certified_on,
                seq: self.seqs[slot as usize],
                slot,
            };
            if best.len() < keep {
                best.push(r);
            } else if best.peek().is_some_and(|worst| r < *worst) {
                best.pop();
                best.push(r);
            }
        });
        let hits = best
            .into_sorted_vec()
            .into_iter()
            .skip(q.offset)
            .filter_map(|r| Some(hit(&self.slots[r.slot as usize].as_ref()?.row, r.points)))
            .collect();
        Page { hits, total }
    }
}

/// A match's place: ordered best first under the published rule, then those certified
/// longest, then the oldest row (so a heap's top is the worst kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ranked {
    points: i32,
    certified_on: u16,
    seq: i64,
    slot: u32,
}

impl Ord for Ranked {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.points
            .cmp(&self.points)
            .then(self.certified_on.cmp(&o.certified_on))
            .then(self.seq.cmp(&o.seq))
            .then(self.slot.cmp(&o.slot))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

fn hit(r: &PoolRow, points: i32) -> (Hit, Person) {
    let hit = Hit {
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
    };
    (hit, r.person.clone())
}

#[cfg(test)]
#[path = "pool_tests.rs"]
mod tests;
