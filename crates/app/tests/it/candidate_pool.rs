//! The pool of findable workers each process ranks from (app `orgs/pool.rs`) reads the rows
//! written since its last read. On PostgreSQL a transaction can commit after a later one; the
//! pool must still read its row, and no row may be read by a mark that skips it.

use futures_util::future::join_all;
use psk_store::Backend;
use psk_store::candidates::{pool_changes, refresh};
use reqwest::Method;
use serde_json::{Value, json};
use softskills::audit::Event;
use softskills::orgs::pool::Query;

use crate::candidates::electrician;
use crate::data_requests::photo;
use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;

fn users(c: &psk_store::candidates::PoolChanges) -> Vec<String> {
    c.rows.iter().map(|r| r.user_id.to_string()).collect()
}

on_both! {
    async fn a_row_written_by_a_transaction_that_commits_late_is_still_read(app) {
        let course = with_course(&app).await;
        let (a, _, _) = certified(&app, &course, 190).await;
        electrician(&app, &a, true).await;
        let (b, _, _) = certified(&app, &course, 191).await;
        electrician(&app, &b, false).await;
        let db = &app.state.db;
        let (a_id, b_id): (uuid::Uuid, uuid::Uuid) = (a.user_id.parse().unwrap(), b.user_id.parse().unwrap());
        let now = app.state.clock.now();

        // Loaded whole: only the worker who could be found.
        let whole = pool_changes(db.ex(), None).await.unwrap();
        assert_eq!(users(&whole), std::slice::from_ref(&a.user_id));
        assert_eq!(whole.wording, 1);
        // On SQLite a read from the mark finds nothing new; on PostgreSQL it may read again the
        // rows of transactions that were running anywhere in the cluster, which is harmless.
        let nothing = pool_changes(db.ex(), Some(whole.mark)).await.unwrap();
        if db.backend() == Backend::Sqlite {
            assert!(nothing.rows.is_empty(), "nothing was written since");
        }

        // A's row is rewritten in a transaction that stays open while B's commits.
        let old = whole.rows[0].changed;
        let mut late = db.begin().await.unwrap();
        refresh(late.ex(), a_id, now).await.unwrap();
        let first = if db.backend() == Backend::Postgres {
            refresh(db.ex(), b_id, now).await.unwrap();
            let first = pool_changes(db.ex(), Some(whole.mark)).await.unwrap();
            assert!(users(&first).contains(&b.user_id));
            assert!(first.rows.iter().all(|r| r.user_id != a_id || r.changed == old), "the open transaction's row is not seen yet");
            late.commit().await.unwrap();
            first
        } else {
            // SQLite has one writer: B's write waits for A's commit, so they commit in order.
            late.commit().await.unwrap();
            refresh(db.ex(), b_id, now).await.unwrap();
            let first = pool_changes(db.ex(), Some(whole.mark)).await.unwrap();
            let mut both = users(&first);
            both.sort();
            let mut expected = vec![a.user_id.clone(), b.user_id.clone()];
            expected.sort();
            assert_eq!(both, expected);
            let none = pool_changes(db.ex(), Some(first.mark)).await.unwrap();
            assert!(none.rows.is_empty());
            first
        };
        // The late commit's row is read from the mark of the read that could not see it.
        let after = pool_changes(db.ex(), Some(first.mark)).await.unwrap();
        let newest = first.rows.iter().chain(&after.rows).filter(|r| r.user_id == a_id).map(|r| r.changed).max();
        assert!(newest.is_some_and(|c| c != old), "A's rewritten row was never read");

        // A row is emptied, never deleted, so a removal is read like any other change.
        psk_store::candidates::erase(db.ex(), a_id).await.unwrap();
        let gone = pool_changes(db.ex(), Some(after.mark)).await.unwrap();
        let row = gone.rows.iter().find(|r| r.user_id == a_id).expect("the emptied row is read");
        assert!(row.consent_version.is_none() && row.certified_until.is_none() && row.doc.is_empty());
    }
}

on_both! {
    async fn searches_arriving_together_share_a_read_and_see_every_change_made_before(app) {
        let course = with_course(&app).await;
        let (a, _, _) = certified(&app, &course, 192).await;
        let st = app.state.clone();
        let search = |st: softskills::state::AppState| async move {
            let exact = vec!["xo7411".to_owned()];
            let q = Query {
                exact: &exact,
                words: &[],
                today: st.clock.now().date_naive(),
                education_rank: -1,
                experience_months: 0,
                driving_licence: false,
                among: None,
                occupation: Some("7411"),
                destination: None,
                limit: 20,
                offset: 0,
            };
            st.pool.search(&st, &q).await.unwrap()
        };
        assert_eq!(search(st.clone()).await.total, 0, "nobody can be found yet");
        // The worker agrees to be found; then twenty searches arrive while a read is under way.
        electrician(&app, &a, true).await;
        let before = st.pool.reads();
        let turn = st.pool.hold_reads().await;
        let searches: Vec<_> = (0..20).map(|_| tokio::spawn(search(st.clone()))).collect();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        drop(turn);
        for s in searches {
            let hits = s.await.unwrap().hits;
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].0.user_id.to_string(), a.user_id, "a change committed before a search arrived is seen");
        }
        let reads = st.pool.reads() - before;
        assert_eq!(reads, 1, "twenty searches waiting together made {reads} reads of changes");
    }
}

on_both! {
    async fn audit_entries_that_stand_alone_are_all_stored_and_a_bad_one_fails_alone(app) {
        let st = &app.state;
        let burst = (0..40).map(|i| Event::new("test.burst").detail(serde_json::json!({ "n": i })).record_alone(st));
        for stored in join_all(burst).await {
            stored.unwrap();
        }
        assert_eq!(app.count_where("audit_log", "action = 'test.burst'").await, 40);
        // PostgreSQL refuses a NUL in text: that entry fails, the ones queued beside it do not.
        let mixed = (0..10).map(|i| {
            let action = if i == 5 { "test.bad\0" } else { "test.mixed" };
            Event::new(action).record_alone(st)
        });
        let results = join_all(mixed).await;
        assert_eq!(app.count_where("audit_log", "action = 'test.mixed'").await, 9);
        assert_eq!(results[5].is_err(), st.db.backend() == Backend::Postgres);
        assert!(results.iter().enumerate().all(|(i, r)| i == 5 || r.is_ok()));
    }
}

on_both! {
    async fn a_moved_district_and_a_corrected_birth_date_reach_the_next_search(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 193).await;
        let (_, org) = approved_oep(&app, &admin.token, 9, "1009/ISB").await;
        let (a, _, _) = certified(&app, &course, 194).await;
        electrician(&app, &a, true).await;
        let first = |q: &'static str| {
            let (app, org) = (&app, &org);
            async move {
                let url = format!("/api/v1/organisation/candidates?{q}");
                let v: Value = app.get_api(&url, Some(org)).await.json().await.unwrap();
                v["found"][0].clone()
            }
        };
        assert_eq!(first("occupation=7411").await["district"], "PB-LAHORE");
        // The worker moves: the next search shows the new district and filters by it.
        let contact = json!({ "email": "", "province": "KP", "district": "KP-SWAT" });
        let res = app.request(Method::PUT, "/api/v1/me/contact", Some(contact), Some(&a.token), &[]).await;
        assert_eq!(res.status(), 204);
        let hit = first("occupation=7411").await;
        assert_eq!((hit["province"].as_str(), hit["district"].as_str()), (Some("KP"), Some("KP-SWAT")));
        assert_eq!(first("district=KP-SWAT").await["id"], a.user_id.as_str());
        assert!(first("district=PB-LAHORE").await.is_null());
        // The worker asks for the date of birth to be corrected (1998 to 1980) and an
        // administrator approves: the age band follows.
        let fields = [("kind", "correction"), ("field", "date_of_birth"), ("value", "1980-04-12")];
        let res = app.upload_api("/api/v1/me/data-requests", &fields, Some(("evidence", photo())), Some(&a.token)).await;
        assert_eq!(res.status(), 201);
        let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let decision = format!("/api/v1/support/data-requests/{id}/decision");
        let res = app.post_api(&decision, json!({ "approve": true, "note": "NADRA record checked" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 204);
        assert_eq!(first("occupation=7411").await["age_band"], "45-49");
    }
}
