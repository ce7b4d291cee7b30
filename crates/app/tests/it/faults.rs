//! Faults the service must survive: a full disk (SQLite's page limit makes SQLITE_FULL on demand)
//! and a database that goes away. Nothing half-done is acknowledged, connections that failed to
//! commit are never reused, `/readyz` tells the truth, and the service recovers by itself.

use serde_json::Value;

use crate::harness::{TestApp, Trainee};
use crate::on_both;

/// Runs `sql` on every connection of the SQLite pool (pragmas are per connection).
async fn on_every_connection(app: &TestApp, sql: &str) {
    let psk_store::Db::Sqlite(pool, _) = &app.state.db else {
        panic!("SQLite only")
    };
    let mut held = vec![];
    for _ in 0..app.state.config.database_max_connections {
        held.push(pool.acquire().await.unwrap());
    }
    for c in held.iter_mut() {
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(&mut **c)
            .await
            .unwrap();
        let sql = sql.replace("{pages}", &pages.to_string());
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **c)
            .await
            .unwrap();
    }
}

async fn register(app: &TestApp, n: u32) -> (u16, Value) {
    let res = app
        .post_api(
            "/api/v1/registrations",
            Trainee::numbered(n).registration(),
            None,
        )
        .await;
    let status = res.status().as_u16();
    let retry = res.headers().get("retry-after").is_some();
    let mut body: Value = res.json().await.unwrap_or_default();
    body["has_retry_after"] = retry.into();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_plainly_and_recovers_without_a_restart() {
    let app = TestApp::spawn_sqlite_with(|c| {
        c.registration.max_attempts_per_client_per_hour = 1000;
        c.otp.max_per_client_per_hour = 1000;
    })
    .await;
    app.start_of_hour();
    let before = app.trainee(900).await;
    assert_eq!(app.get_api("/readyz", None).await.status(), 200);
    // The disk is full: no page may be added to the database. (The limit is per connection:
    // a connection closed after a failed commit comes back without it, so some writes pass.)
    on_every_connection(&app, "PRAGMA max_page_count = {pages}").await;
    let mut refused = 0;
    for n in 901..941 {
        let (status, body) = register(&app, n).await;
        assert!(status == 202 || status == 503, "{status}: {body}");
        if status == 503 {
            assert_eq!(body["code"], "service_unavailable");
            assert_eq!(body["has_retry_after"], true);
            refused += 1;
        }
    }
    assert!(refused >= 1, "nothing refused on a full disk");
    on_every_connection(&app, "PRAGMA max_page_count = {pages}").await;
    assert_eq!(
        app.get_api("/readyz", None).await.status(),
        503,
        "not ready while writes fail"
    );
    // Reads still work.
    assert_eq!(
        app.get_api("/api/v1/me", Some(&before.token))
            .await
            .status(),
        200
    );

    // Space again. Every connection now takes writes: none was left inside a failed transaction.
    on_every_connection(&app, "PRAGMA max_page_count = 1073741823").await;
    assert_eq!(app.get_api("/readyz", None).await.status(), 200);
    for n in 941..961 {
        let (status, body) = register(&app, n).await;
        assert_eq!(
            status, 202,
            "registration {n} after the disk was freed: {body}"
        );
    }
}

on_both! {
    async fn a_lost_database_answers_503_with_retry_after(app) {
        let t = app.trainee(970).await;
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 200);
        app.state.db.close().await;
        let res = app.get_api("/api/v1/me", Some(&t.token)).await;
        assert_eq!(res.status(), 503);
        assert!(res.headers().contains_key("retry-after"));
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "service_unavailable");
        let (status, body) = register(&app, 971).await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(app.get_api("/readyz", None).await.status(), 503);
        // A page says so in the person's language, not "something went wrong".
        app.set_cookie("pss_lang", "ur");
        app.set_cookie("pss_session", &t.token); // looked up in the database, which is gone
        let (status, headers, html) = app.get_page("/dashboard").await;
        assert_eq!(status, 503);
        assert!(headers.contains_key("retry-after"));
        assert!(html.contains("ایک منٹ بعد"), "{html}");
    }
}
