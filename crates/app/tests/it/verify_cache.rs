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
        generate(&app.state, &Plan { from: 0, trainees: 2, certificates: 2, exam_ready: 0, tokens: None, ..Default::default() }).await.unwrap();
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

    async fn a_scanned_certificate_is_never_stopped(app) {
        // The promise of docs/OPERATIONS.md: once an address has used its allowance on numbers
        // that find nothing, typed numbers pause (real ones too, or the pause would tell real from
        // unknown), but a QR code whose signature verifies is always answered; a forged one is not.
        use softskills::loaddata::{Plan, generate};
        generate(&app.state, &Plan { from: 0, trainees: 1, certificates: 1, exam_ready: 0, tokens: None, ..Default::default() }).await.unwrap();
        let (number, qr): (String, String) = psk_store::run!(app.state.db.ex(), |e| sqlx::query_as("SELECT number, qr_text FROM certificates").fetch_one(e).await).unwrap();
        let unknown = psk_cert::CertNumber::from_random([9; 5]).to_string();
        for _ in 0..app.state.config.certificates.verify_per_hour {
            assert_eq!(status(&app, &unknown).await.0, 200);
        }
        assert_eq!(status(&app, &number).await.0, 429);
        let app = &app;
        let scan = |qr: String| async move {
            let res = app.post_api("/api/v1/certificates/verify", json!({ "qr": qr }), None).await;
            let code = res.status().as_u16();
            (code, res.json::<Value>().await.unwrap())
        };
        for _ in 0..3 {
            let (code, body) = scan(qr.clone()).await;
            assert_eq!(code, 200);
            assert_eq!(body["signature_valid"], true);
            assert_eq!(body["certificate"]["status"], "valid");
        }
        // A character of the signed data changed (the last one may be only padding bits, and may
        // already be an A).
        let at = qr.len() - 40;
        let swap = if &qr[at..=at] == "A" { "B" } else { "A" };
        let forged = format!("{}{swap}{}", &qr[..at], &qr[at + 1..]);
        assert_eq!(scan(forged).await.0, 429);
        // The web page keeps the same promise for the link in the code.
        let link = psk_cert::link::link(&app.state.config.public_url, &qr).unwrap();
        let path = link.split_once("/V/").map(|(_, rest)| format!("/V/{rest}")).unwrap();
        let (code, _, html) = app.get_page(&path).await;
        assert_eq!(code, 200);
        assert!(html.contains(&number), "{html}");
        let (code, _, _) = app.get_page(&format!("/verify?n={number}")).await;
        assert_eq!(code, 429);
    }
}
