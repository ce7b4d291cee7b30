//! Recent candidate searches, per process, for `placement.search_cache_seconds` (default 5):
//! the ranked list of a search (at most its 25 pages), so the pages of one search, and the same
//! search by another recruiter, cost no ranking of the whole pool. Only the order is cached:
//! every page shown checks the consent and the certificate of its workers again on the source
//! tables, so a withdrawal still takes effect on the next request; a worker who became findable
//! meanwhile appears within those seconds. Time is the service clock's, so tests can move it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use psk_store::candidates::Hit;

/// At most this many searches are kept (each at most 500 short rows).
const MAX_ENTRIES: usize = 500;

/// A search's ranked list with the time it was made.
type Ranked = (DateTime<Utc>, Arc<Vec<Hit>>);

#[derive(Default)]
pub struct SearchCache(Mutex<HashMap<String, Ranked>>);

impl SearchCache {
    pub fn get(&self, key: &str, now: DateTime<Utc>, ttl: Duration) -> Option<Arc<Vec<Hit>>> {
        let map = self.0.lock().expect("search cache");
        let (at, hits) = map.get(key)?;
        (now - *at < ttl).then(|| hits.clone())
    }

    pub fn put(&self, key: String, hits: Arc<Vec<Hit>>, now: DateTime<Utc>, ttl: Duration) {
        let mut map = self.0.lock().expect("search cache");
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (at, _)| now - *at < ttl);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(key, (now, hits));
    }
}
