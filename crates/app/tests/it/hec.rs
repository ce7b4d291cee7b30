//! HEC verification (issue 14, item 7): a degree the worker asked to have verified waits for
//! OEC only with the consent to send it to HEC; staff record HEC's result (audited); the worker
//! sees the status and employers the "verified by HEC" mark; a changed degree is checked again;
//! with the HTTP adapter the worker loop sends the degree to HEC's gateway and records its
//! answer.

use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::candidates::electrician;
use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;
use crate::people::Trainee;

async fn degree(app: &crate::harness::TestApp, t: &Trainee) -> String {
    let e = json!({ "level": "bachelor", "institution": "UET Lahore", "year": "2018", "hec_verification": true });
    let v: Value = app
        .post_api("/api/v1/me/education", e, Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    v["id"].as_str().unwrap().to_owned()
}

async fn statuses(app: &crate::harness::TestApp, t: &Trainee) -> Vec<String> {
    let v: Value = app
        .get_api("/api/v1/me/hec", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap().to_owned())
        .collect()
}

on_both! {
    async fn staff_record_hecs_answer_for_consenting_workers_and_employers_see_the_mark(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 210).await;
        let (_, org) = approved_oep(&app, &admin.token, 13, "1013/ISB").await;
        let (a, _, _) = certified(&app, &course, 211).await;
        electrician(&app, &a, true).await;
        let edu = degree(&app, &a).await;

        // Without the consent to send it to HEC, the degree does not reach OEC's queue.
        assert_eq!(statuses(&app, &a).await, ["needs_consent"]);
        let queue: Value = app.get_api("/api/v1/admin/hec", Some(&admin.token)).await.json().await.unwrap();
        assert!(queue.as_array().unwrap().is_empty());
        assert_eq!(app.get_api("/api/v1/admin/hec", Some(&a.token)).await.status(), 403);
        let yes = json!({ "granted": true });
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/hec_verification", Some(yes), Some(&a.token), &[]).await.status(), 204);
        assert_eq!(statuses(&app, &a).await, ["waiting"]);
        let queue: Value = app.get_api("/api/v1/admin/hec", Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(queue[0]["education_id"], edu.as_str());

        // A result with bad fields is refused whole; then recorded.
        let url = format!("/api/v1/admin/hec/{edu}");
        let res = app.post_api(&url, json!({ "verified": true, "reference": "", "date": "2099-01-01" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        assert_eq!(statuses(&app, &a).await, ["waiting"]);
        let today = app.state.clock.today().to_string();
        assert_eq!(app.post_api(&url, json!({ "verified": true, "reference": "HEC-DAS-2026-118", "date": today }), Some(&admin.token)).await.status(), 204);
        assert_eq!(statuses(&app, &a).await, ["verified"]);
        assert!(app.audit_actions().await.contains(&"hec.result_recorded".to_owned()));

        // Employers see the mark in the search and on the profile.
        let found: Value = app.get_api("/api/v1/organisation/candidates?occupation=7411", Some(&org)).await.json().await.unwrap();
        assert_eq!(found["found"][0]["hec_verified"], true);
        let p: Value = app.get_api(&format!("/api/v1/organisation/candidates/{}", a.user_id), Some(&org)).await.json().await.unwrap();
        assert_eq!(p["education"][0]["hec_verified"], true);

        // A changed degree is checked again.
        let changed = json!({ "level": "master", "institution": "UET Lahore", "year": "2020", "hec_verification": true });
        assert_eq!(app.request(Method::PUT, &format!("/api/v1/me/education/{edu}"), Some(changed), Some(&a.token), &[]).await.status(), 204);
        assert_eq!(statuses(&app, &a).await, ["waiting"]);
        let found: Value = app.get_api("/api/v1/organisation/candidates?occupation=7411", Some(&org)).await.json().await.unwrap();
        assert_eq!(found["found"][0]["hec_verified"], false);
    }
}

/// A one-request HEC gateway on loopback answering `body` with 200.
async fn hec_peer(body: &'static str) -> (String, tokio::task::JoinHandle<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/verify", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut got = Vec::new();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = sock.read(&mut buf).await.unwrap();
            got.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&got).to_string();
            if let Some(h) = text.find("\r\n\r\n") {
                let len: usize = text[..h]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if got.len() >= h + 4 + len {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        sock.write_all(answer.as_bytes()).await.unwrap();
        String::from_utf8_lossy(&got).to_string()
    });
    (url, handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_http_adapter_sends_the_degree_and_records_hecs_answer() {
    let (url, peer) =
        hec_peer(r#"{"verified": false, "reference": "HEC-DAS-77", "date": "2026-11-30"}"#).await;
    let app = crate::harness::TestApp::spawn_sqlite_with(move |c| {
        c.hec.transport = "http".into();
        c.hec.gateway_url = url;
        c.hec.gateway_username = "oec".into();
        c.hec.gateway_password = softskills::config::Secret("hec-s3cret".into());
    })
    .await;
    let t = app.trainee(215).await;
    degree(&app, &t).await;
    let yes = json!({ "granted": true });
    assert_eq!(
        app.request(
            Method::PUT,
            "/api/v1/me/consents/hec_verification",
            Some(yes),
            Some(&t.token),
            &[]
        )
        .await
        .status(),
        204
    );
    assert_eq!(
        softskills::hec::submit_waiting(&app.state).await.unwrap(),
        1
    );
    let sent = peer.await.unwrap();
    assert!(
        sent.to_ascii_lowercase().contains("authorization: basic"),
        "{sent}"
    );
    assert!(
        sent.contains(&t.cnic.replace('-', "")) && sent.contains("bachelor"),
        "{sent}"
    );
    let v: Value = app
        .get_api("/api/v1/me/hec", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v[0]["status"], "not_verified");
    assert_eq!(v[0]["reference"], "HEC-DAS-77");
    // Nothing is sent twice.
    assert_eq!(
        softskills::hec::submit_waiting(&app.state).await.unwrap(),
        0
    );
}
