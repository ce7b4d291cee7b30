//! The in-process verification cache: a repeated check is answered from memory, a change made
//! by another process shows within `certificates.verify_cache_seconds`, a change made by this
//! process at once, and the per-address allowance still counts every check that finds nothing.

use serde_json::{Value, json};

use crate::on_both;

async fn status(app: &crate::harness::TestApp, number: &str) -> (u16, String) {
    let res = app
        .get_api(&format!("/api/v1/certificates/{number}"), None)
        .await;
    let code = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or_default();
    (code, body["status"].as_str().unwrap_or_default().to_owned())
}

on_both! {
    async fn a_revocation_elsewhere_shows_within_the_cache_time(app) {
        use softskills::loaddata::{Plan, generate};
        generate(&app.state, &Plan { from: 0, trainees: 2, certificates: 2, exam_ready: 0, tokens: None }).await.unwrap();
        let numbers: Vec<(uuid::Uuid, String)> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_as("SELECT id, number FROM certificates ORDER BY number").fetch_all(e).await).unwrap();
        let (id, number) = numbers[0].clone();
        assert_eq!(status(&app, &number).await, (200, "valid".into()));
        // Another process revokes it (straight in the database): this one may still answer from
        // memory for a few seconds, then reads the change.
        let now = app.state.clock.now();
        assert!(psk_store::certificates::set_status(app.state.db.ex(), id, "revoked", "test", None, now).await.unwrap());
        assert_eq!(status(&app, &number).await, (200, "valid".into()), "answered from memory");
        app.advance(app.state.config.certificates.verify_cache_seconds as i64 + 1);
        assert_eq!(status(&app, &number).await, (200, "revoked".into()));

        // A revocation made by this process is seen at once.
        let other = numbers[1].1.clone();
        assert_eq!(status(&app, &other).await, (200, "valid".into()));
        let admin = app.staff("administrator", 31).await;
        let res = app.post_api(&format!("/api/v1/admin/certificates/{other}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert!(res.status().is_success(), "{}", res.text().await.unwrap());
        assert_eq!(status(&app, &other).await, (200, "revoked".into()));
    }

    async fn the_allowance_still_counts_every_miss(app) {
        // A real certificate answered from memory costs nothing; numbers that find nothing are
        // counted every time, cached reads or not, and the allowance runs out on time.
        let limit = app.state.config.certificates.verify_per_hour;
        let unknown = psk_cert::CertNumber::from_random([7; 5]).to_string();
        for _ in 0..limit {
            assert_eq!(status(&app, &unknown).await, (200, "unknown".into()));
        }
        assert_eq!(status(&app, &unknown).await.0, 429);
    }
}
