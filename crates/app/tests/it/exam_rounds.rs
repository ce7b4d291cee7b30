//! After the last attempt of a round: the worker is told when a new round opens (and to review
//! the modules); a support agent can grant one more attempt, with a reason, audited and used once.

use serde_json::{Value, json};

use crate::exam::complete_course;
use crate::harness::{TestApp, Trainee};
use crate::learning::with_course;
use crate::on_both;

/// Starts an attempt and submits it empty (a fail); returns the start's status.
async fn fail_once(app: &TestApp, t: &Trainee) -> u16 {
    let res = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await;
    let status = res.status().as_u16();
    if status != 201 {
        return status;
    }
    let v: Value = res.json().await.unwrap();
    let id = v["attempt_id"].as_str().unwrap();
    let r: Value = app
        .post_api(
            &format!("/api/v1/test/attempts/{id}/submission"),
            json!({}),
            Some(&t.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["passed"], false);
    status
}

on_both! {
    async fn a_new_round_opens_after_its_period_and_support_can_grant_one_more(app) {
        let course = with_course(&app).await;
        let t = app.trainee(530).await;
        complete_course(&app, &t, &course).await;
        for _ in 0..3 {
            assert_eq!(fail_once(&app, &t).await, 201);
            app.advance(24 * 3600 + 60);
        }
        // The round is used up: when the next one opens, said plainly; starting waits for it.
        let s: Value = app.get_api("/api/v1/test", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(s["can_start"], false);
        assert_eq!(s["attempts_used"], 3);
        assert!(s["new_round_at"].is_string(), "{s}");
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_round_used");
        // The test page says when the next round opens, and to go over the modules.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let (_, _, html) = app.get_page("/test").await;
        assert!(html.contains("a new round of 3 attempts opens on"), "{html}");
        // A trainee cannot grant; a support agent can, with a reason.
        let path = format!("/api/v1/support/users/{}/test-grants", t.user_id);
        assert_eq!(app.post_api(&path, json!({ "reason": "mine" }), Some(&t.token)).await.status(), 403);
        let agent = app.staff("support_agent", 40).await;
        let res = app.post_api(&path, json!({ "reason": "" }), Some(&agent.token)).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "reason");
        let other = uuid::Uuid::new_v4();
        assert_eq!(app.post_api(&format!("/api/v1/support/users/{other}/test-grants"), json!({ "reason": "power cut at the test centre" }), Some(&agent.token)).await.status(), 404);
        assert_eq!(app.post_api(&path, json!({ "reason": "power cut at the test centre" }), Some(&agent.token)).await.status(), 201);
        assert!(app.audit_actions().await.contains(&"test.attempt_granted".to_owned()));
        // The grant is used once.
        let s: Value = app.get_api("/api/v1/test", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(s["can_start"], true, "{s}");
        assert_eq!(fail_once(&app, &t).await, 201);
        app.advance(24 * 3600 + 60);
        assert_eq!(fail_once(&app, &t).await, 410, "the grant was used up");
        // A new round of three after the period.
        app.advance(29 * 86400 + 3600); // 30 days after the last attempt, within the token's idle month
        let s: Value = app.get_api("/api/v1/test", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(s["can_start"], true, "{s}");
        assert_eq!(s["attempts_used"], 0);
        assert_eq!(fail_once(&app, &t).await, 201);
    }
}
