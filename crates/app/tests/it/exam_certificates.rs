//! The certificate a pass issues: in the pass's transaction, revoked and reissued by
//! administrators (API and browser), and public checks that find nothing counted against an
//! allowance.

use serde_json::{Value, json};

use crate::exam::{answer, certified, complete_course};
use crate::harness::TestApp;
use crate::learning::with_course;
use crate::on_both;

on_both! {
    async fn certificates_are_revoked_and_reissued_by_administrators(app) {
        let course = with_course(&app).await;
        let (t, old, old_text) = certified(&app, &course, 504).await;
        // Only administrators.
        let path = format!("/api/v1/admin/certificates/{old}/revocation");
        assert_eq!(app.post_api(&path, json!({ "reason": "x" }), Some(&t.token)).await.status(), 403);
        let admin = app.staff("administrator", 7).await;
        // A reason is required; nothing changes without one.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{old}/reissue"), json!({ "reason": " " }), Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        // Reissue with the corrected name: a new number; the old one is superseded.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{old}/reissue"), json!({ "reason": "name misspelt at registration", "full_name": "Muhammad Bilal Qureshi" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let new: Value = res.json().await.unwrap();
        assert_eq!(new["status"], "valid");
        assert_eq!(new["name"], "Muhammad Bilal Qureshi");
        let new_number = new["number"].as_str().unwrap().to_owned();
        assert_ne!(new_number, old);
        let o: Value = app.get_api(&format!("/api/v1/certificates/{old}"), None).await.json().await.unwrap();
        assert_eq!(o["status"], "superseded");
        // The old QR still carries a genuine signature, and the register says it was replaced.
        let q: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": old_text }), None).await.json().await.unwrap();
        assert_eq!(q["signature_valid"], true);
        assert_eq!(q["certificate"]["status"], "superseded");
        // Superseded cannot be revoked or reissued again.
        assert_eq!(app.post_api(&path, json!({ "reason": "duplicate" }), Some(&admin.token)).await.status(), 410);
        // Revoke the new one.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 200);
        let n: Value = app.get_api(&format!("/api/v1/certificates/{new_number}"), None).await.json().await.unwrap();
        assert_eq!(n["status"], "revoked");
        assert_eq!(new["issued_on"], o["issued_on"], "a reissue keeps the dates");
        assert_eq!(new["expires_on"], o["expires_on"]);
        // A replaced or revoked certificate is not handed out as a clean document.
        assert_eq!(app.get_api(&format!("/api/v1/me/certificates/{old}/certificate.pdf"), Some(&t.token)).await.status(), 410);
        // A mistaken revocation is undone by a reissue.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/reissue"), json!({ "reason": "revoked by mistake" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let again: Value = res.json().await.unwrap();
        assert_eq!(again["status"], "valid");
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"certificate.reissued".to_owned()) && actions.contains(&"certificate.revoked".to_owned()));
        // The same from the browser: the administrators' page finds it, revokes with a reason.
        let (_, number2, _) = certified(&app, &course, 521).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, _, html) = app.get_page(&format!("/admin/certificates?n={number2}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Valid certificate") && html.contains("value=\"revoke\""));
        let (status, _, html) = app.post_form("/admin/certificates", &[("_csrf", &csrf), ("number", &number2), ("action", "revoke"), ("reason", "")]).await;
        assert_eq!(status, 422, "a reason is required");
        assert!(html.contains("id=\"reason-error\""));
        let (status, headers, _) = app.post_form("/admin/certificates", &[("_csrf", &csrf), ("number", &number2), ("action", "revoke"), ("reason", "obtained with a borrowed CNIC")]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page(headers["location"].to_str().unwrap()).await;
        assert!(html.contains("Revoked: do not stamp"));
    }
}

/// The certificate is issued in the transaction of the passing result: when issuing fails, the
/// result is not recorded either (and the trainee can submit again once the cause is fixed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_and_its_certificate_are_one_transaction() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let t = app.trainee(520).await;
    complete_course(&app, &t, &course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(&app, &t, &course, &v, 40).await;
    // Break issuing: the certificate needs the CNIC, which this record has lost.
    let id: uuid::Uuid = t.user_id.parse().unwrap();
    let saved: Option<Vec<u8>> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar(
        "SELECT cnic_enc FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_one(e)
    .await)
    .unwrap();
    psk_store::run!(app.state.db.ex(), |e| sqlx::query(
        "UPDATE users SET cnic_enc = NULL WHERE id = $1"
    )
    .bind(id)
    .execute(e)
    .await
    .map(|_| ()))
    .unwrap();
    let attempt = v["attempt_id"].as_str().unwrap();
    let res = app
        .post_api(
            &format!("/api/v1/test/attempts/{attempt}/submission"),
            json!({}),
            Some(&t.token),
        )
        .await;
    assert_eq!(res.status(), 410);
    assert_eq!(app.count("certificates").await, 0);
    let a: Value = app
        .get_api(&format!("/api/v1/test/attempts/{attempt}"), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        a["submitted"], false,
        "the pass was not recorded without its certificate"
    );
    // Repaired: the same submission now passes and issues.
    psk_store::run!(app.state.db.ex(), |e| sqlx::query(
        "UPDATE users SET cnic_enc = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(saved.clone())
    .execute(e)
    .await
    .map(|_| ()))
    .unwrap();
    let r: Value = app
        .post_api(
            &format!("/api/v1/test/attempts/{attempt}/submission"),
            json!({}),
            Some(&t.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["passed"], true);
    assert!(r["certificate"].is_string());
    assert_eq!(app.count("certificates").await, 1);
}

/// Public checks of real certificates are never counted; checks that find nothing are, and
/// past the allowance the address is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_checks_that_find_nothing_count_against_the_allowance() {
    let dir = std::env::temp_dir().join(format!("psk-verify-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.certificates.verify_per_hour = 3;
    let app = TestApp::start(cfg, dir, None).await;
    let course = with_course(&app).await;
    let (_, number, _) = certified(&app, &course, 530).await;
    for _ in 0..10 {
        let res = app
            .get_api(&format!("/api/v1/certificates/{number}"), None)
            .await;
        assert_eq!(res.status(), 200, "real certificates are not counted");
    }
    for _ in 0..3 {
        assert_eq!(
            app.get_api("/api/v1/certificates/PSS-0000-0000-0", None)
                .await
                .status(),
            200
        );
    }
    let res = app
        .get_api("/api/v1/certificates/PSS-0000-0000-0", None)
        .await;
    assert_eq!(res.status(), 429);
    assert_eq!(
        app.get_api(&format!("/api/v1/certificates/{number}"), None)
            .await
            .status(),
        429,
        "an address that used up its allowance waits"
    );
}
