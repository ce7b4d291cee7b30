//! Storage facts that hold on both databases: the audit log is append-only, the job queue hands
//! a job to one worker, retention purges what it should.

use serde_json::json;

use crate::on_both;

on_both! {
    async fn audit_log_is_append_only(app) {
        app.trainee(80).await;
        let n = app.count("audit_log").await;
        assert!(n > 0);
        let update = psk_store::run!(app.state.db.ex(), |e| sqlx::query("UPDATE audit_log SET action = 'x'").execute(e).await.map(|_| ()));
        assert!(update.is_err(), "UPDATE must be refused");
        let delete = psk_store::run!(app.state.db.ex(), |e| sqlx::query("DELETE FROM audit_log").execute(e).await.map(|_| ()));
        assert!(delete.is_err(), "DELETE must be refused");
        assert_eq!(app.count("audit_log").await, n);
    }

    async fn a_claimed_job_is_not_claimed_again_until_its_lease_ends(app) {
        let now = app.state.clock.now();
        let st = &app.state;
        // Stop the in-process worker from racing us: queue far in the future, then claim at that time.
        let later = now + chrono::Duration::days(3650);
        psk_store::jobs::enqueue(st.db.ex(), "sms", b"payload", later).await.unwrap();
        let first = psk_store::jobs::claim(st.db.ex(), later, later + chrono::Duration::seconds(60)).await.unwrap();
        assert!(first.is_some());
        let second = psk_store::jobs::claim(st.db.ex(), later, later + chrono::Duration::seconds(60)).await.unwrap();
        assert!(second.is_none());
        let after_lease = psk_store::jobs::claim(st.db.ex(), later + chrono::Duration::seconds(61), later + chrono::Duration::seconds(120)).await.unwrap();
        assert_eq!(after_lease.map(|j| j.attempts), Some(2));
    }

    async fn retention_purges_unverified_registrations(app) {
        let t = crate::harness::Trainee::numbered(81);
        app.post_api("/api/v1/registrations", t.registration(), None).await;
        assert_eq!(app.count("pending_registrations").await, 1);
        app.advance(31 * 86400);
        softskills::notify::worker::purge(&app.state).await.unwrap();
        assert_eq!(app.count("pending_registrations").await, 0);
        assert_eq!(app.count("otps").await, 0);
        let _ = json!({});
    }
}

/// The two migrations agree: same tables, columns, nullability and indexes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_agree() {
    let Some(pg) = crate::harness::TestApp::spawn_postgres().await else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let lite = crate::harness::TestApp::spawn_sqlite().await;
    let psk_store::Db::Postgres(pg_pool) = &pg.state.db else {
        panic!("postgres")
    };
    let psk_store::Db::Sqlite(lite_pool, _) = &lite.state.db else {
        panic!("sqlite")
    };

    let pg_cols: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY 1, 2",
    )
    .fetch_all(pg_pool)
    .await
    .unwrap();
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name")
        .fetch_all(lite_pool)
        .await
        .unwrap();
    let mut lite_cols = vec![];
    for t in &tables {
        let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')"
        )))
        .fetch_all(lite_pool)
        .await
        .unwrap();
        for (name, ty, notnull, pk) in rows {
            lite_cols.push((
                t.clone(),
                name,
                ty,
                if notnull == 1 || pk > 0 { "NO" } else { "YES" }.to_owned(),
            ));
        }
    }
    lite_cols.sort();
    let expected_sqlite_type = |pg: &str| match pg {
        "uuid" | "bytea" => "BLOB",
        "text" | "timestamp with time zone" | "date" => "TEXT",
        "integer" | "bigint" => "INTEGER",
        "boolean" => "BOOLEAN",
        other => panic!("unmapped PostgreSQL type {other}"),
    };
    let pg_as_lite: Vec<_> = pg_cols
        .iter()
        .map(|(t, c, ty, n)| {
            (
                t.clone(),
                c.clone(),
                expected_sqlite_type(ty).to_owned(),
                n.clone(),
            )
        })
        .collect();
    assert_eq!(pg_as_lite, lite_cols);

    let pg_idx: Vec<String> = sqlx::query_scalar("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%_idx' ORDER BY 1").fetch_all(pg_pool).await.unwrap();
    let lite_idx: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_idx' ESCAPE '\\' ORDER BY 1").fetch_all(lite_pool).await.unwrap();
    assert_eq!(pg_idx, lite_idx);
    assert!(pg_idx.len() >= 8);
}
