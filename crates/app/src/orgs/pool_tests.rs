use super::*;
use crate::orgs::pool::{Page, Query};
use psk_store::candidates::{Person, PoolChanges, PoolRow};

fn row(n: u8, doc: &str, occupation: &str, months: i32) -> PoolRow {
    PoolRow {
        seq: i64::from(n),
        user_id: Uuid::from_bytes([n; 16]),
        occupation: Some(occupation.into()),
        destination: Some("SA".into()),
        past_occupations: " 7411 ".into(),
        education_rank: 2,
        experience_months: months,
        driving_licence: n.is_multiple_of(2),
        languages: "ur".into(),
        hec_verified: false,
        certified_on: NaiveDate::from_ymd_opt(2026, 1, u32::from(n)),
        certified_until: NaiveDate::from_ymd_opt(2031, 1, 1),
        consent_version: Some(1),
        // As `psk_domain::candidate::document` writes it: the wanted occupation and destination.
        doc: format!("{doc} xw{occupation} xdsa"),
        changed: i64::from(n),
        person: Person {
            id: Uuid::from_bytes([n; 16]),
            dob_enc: None,
            province: Some("PB".into()),
            district: Some("PB-LAHORE".into()),
        },
    }
}

fn query<'a>(exact: &'a [String], words: &'a [String]) -> Query<'a> {
    Query {
        exact,
        words,
        today: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        education_rank: -1,
        experience_months: 0,
        driving_licence: false,
        among: None,
        occupation: Some("7411"),
        destination: None,
        limit: 20,
        offset: 0,
    }
}

/// A read of changes: these rows, the mark after them, the newest consent wording.
fn changes(rows: Vec<PoolRow>, mark: i64, wording: i32) -> PoolChanges {
    PoolChanges {
        rows,
        mark,
        wording,
    }
}

fn pool(rows: Vec<PoolRow>) -> Index {
    let mut i = Index::default();
    i.take(changes(rows, 9, 1));
    i
}

fn ids(p: &Page) -> Vec<u8> {
    p.hits
        .iter()
        .map(|(h, _)| h.user_id.as_bytes()[0])
        .collect()
}

#[test]
fn ranks_by_the_published_rule_then_the_longest_certified() {
    let i = pool(vec![
        row(1, "xo7411 wiring", "7112", 0),
        row(2, "xo7411 welding", "7411", 24),
        row(3, "xo7411 wiring panel", "7411", 120),
        row(4, "xo7112 wiring", "7112", 0),
    ]);
    let exact = ["xo7411".to_owned()];
    let p = i.search(&query(&exact, &[]));
    assert_eq!(p.total, 3);
    // 3: wants it (4) + worked in it (2) + 5 years capped; 2: 4 + 2 + 2; 1: worked in it.
    assert_eq!(ids(&p), [3, 2, 1]);
    assert_eq!(p.hits[0].0.points, 11);
    let mut second = query(&exact, &[]);
    second.limit = 2;
    second.offset = 2;
    assert_eq!(ids(&i.search(&second)), [1]);
}

#[test]
fn words_match_the_start_of_a_token_and_every_word_must_match() {
    let i = pool(vec![
        row(1, "xo7411 wiring", "7411", 0),
        row(2, "xo7411 wire panel", "7411", 0),
        row(3, "xo7411 panelling", "7411", 0),
    ]);
    let words = ["wir".to_owned()];
    assert_eq!(ids(&i.search(&query(&[], &words))), [1, 2]);
    let both = ["wir".to_owned(), "panel".to_owned()];
    assert_eq!(ids(&i.search(&query(&[], &both))), [2]);
    // A word that starts one token only ("wiring", "wire") is merged as that token's list.
    let one = ["wiring".to_owned()];
    assert_eq!(ids(&i.search(&query(&[], &one))), [1]);
    let mixed = ["wire".to_owned(), "panel".to_owned()];
    assert_eq!(ids(&i.search(&query(&[], &mixed))), [2]);
    let exact_and_word = ["xo7411".to_owned()];
    assert_eq!(ids(&i.search(&query(&exact_and_word, &one))), [1]);
    let unknown = ["xo9999".to_owned()];
    assert_eq!(i.search(&query(&unknown, &[])).total, 0);
    let no_word = ["welding".to_owned()];
    assert_eq!(i.search(&query(&[], &no_word)).total, 0);
}

#[test]
fn a_change_replaces_the_row_and_an_unfindable_one_leaves() {
    let mut i = pool(vec![
        row(1, "xo7411", "7411", 0),
        row(2, "xo7411", "7411", 0),
    ]);
    let exact = ["xo7411".to_owned()];
    let mut moved = row(1, "xo7112", "7112", 0);
    moved.changed = 10;
    let mut withdrawn = row(2, "xo7411", "7411", 0);
    withdrawn.consent_version = None;
    i.take(changes(vec![moved, withdrawn], 11, 1));
    assert_eq!(i.search(&query(&exact, &[])).total, 0);
    let other = ["xo7112".to_owned()];
    assert_eq!(ids(&i.search(&query(&other, &[]))), [1]);
    // The freed slot is taken again without leaving the old tokens' lists pointing at it.
    i.take(changes(vec![row(3, "xo7411", "7411", 0)], 12, 1));
    assert_eq!(ids(&i.search(&query(&exact, &[]))), [3]);
    assert_eq!(i.mark(), 12);
}

#[test]
fn an_old_consent_an_expired_certificate_and_the_filters_keep_a_worker_out() {
    let mut old = row(1, "xo7411", "7411", 0);
    old.consent_version = Some(1);
    let mut expired = row(2, "xo7411", "7411", 0);
    expired.certified_until = NaiveDate::from_ymd_opt(2026, 12, 6);
    let i = pool(vec![
        old,
        expired,
        row(3, "xo7411", "7411", 30),
        row(4, "xo7411", "7411", 0),
    ]);
    let exact = ["xo7411".to_owned()];
    assert_eq!(ids(&i.search(&query(&exact, &[]))), [3, 1, 4]);
    let newer = pool(vec![row(1, "xo7411", "7411", 0)]);
    newer.advance(&changes(vec![], 9, 2));
    assert_eq!(newer.search(&query(&exact, &[])).total, 0);
    let mut q = query(&exact, &[]);
    q.experience_months = 24;
    assert_eq!(ids(&i.search(&q)), [3]);
    let mut q = query(&exact, &[]);
    q.driving_licence = true;
    assert_eq!(ids(&i.search(&q)), [4]);
    let named = [Uuid::from_bytes([4; 16])];
    let mut q = query(&[], &[]);
    q.among = Some(&named);
    assert_eq!(ids(&i.search(&q)), [4]);
}

#[test]
fn every_exact_token_must_hold_and_the_destination_counts() {
    let mut abroad = row(2, "xo7411", "7411", 0);
    abroad.doc = "xo7411 xw7411 xdae".into();
    abroad.destination = Some("AE".into());
    let i = pool(vec![
        row(1, "xo7411 xlar", "7411", 0),
        abroad,
        row(3, "xo7411 xlar", "7411", 0),
    ]);
    let both = ["xo7411".to_owned(), "xlar".to_owned()];
    assert_eq!(ids(&i.search(&query(&both, &[]))), [1, 3]);
    let one = ["xo7411".to_owned()];
    let mut q = query(&one, &[]);
    q.destination = Some("SA");
    let p = i.search(&q);
    assert_eq!(ids(&p), [1, 3, 2]);
    assert_eq!(p.hits[0].0.points, 4 + 2 + 2);
    assert_eq!(p.hits[2].0.points, 4 + 2);
}

#[test]
fn a_cursor_skips_any_distance_and_finds_exactly_the_slots_held() {
    let list: Vec<u32> = (0..1000).map(|n| n * 3).collect();
    let mut c = Cursor { list: &list };
    // Near, far (past several doublings), a gap between two entries, the last, past the end.
    for (slot, held) in [
        (0, true),
        (3, true),
        (4, false),
        (2400, true),
        (2401, false),
        (2997, true),
        (2998, false),
        (5000, false),
    ] {
        assert_eq!(c.has(slot), held, "slot {slot}");
    }
    assert!(c.list.is_empty());
    let mut c = Cursor { list: &list };
    let found = (0..3000).filter(|s| c.has(*s)).count();
    assert_eq!(found, 1000, "every slot held, taken in order, is found");
}
