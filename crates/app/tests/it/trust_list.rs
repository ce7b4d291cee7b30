//! The signed trust list: published at /api/v1/trust-list with every key's window and the revoked
//! and superseded numbers; `softskills verify --trust-list` sees a revocation offline, checks the
//! list's signature (pinned to a key file when given) and says how old the list is.

use serde_json::{Value, json};

use crate::exam::certified;
use crate::harness::TestApp;
use crate::learning::with_course;

fn cli(app: &TestApp, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_softskills"))
        .args(args)
        .current_dir(&app.dir)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_check_sees_a_revocation_through_the_trust_list() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let (_, kept, kept_text) = certified(&app, &course, 520).await;
    let (_, revoked, revoked_text) = certified(&app, &course, 521).await;
    let admin = app.staff("administrator", 32).await;
    let res = app
        .post_api(
            &format!("/api/v1/admin/certificates/{revoked}/revocation"),
            json!({ "reason": "obtained by impersonation" }),
            Some(&admin.token),
        )
        .await;
    assert!(res.status().is_success());

    let res = app.get_api("/api/v1/trust-list", None).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let signed: Value = res.json().await.unwrap();
    std::fs::write(app.dir.join("list.json"), signed.to_string()).unwrap();
    let opened = serde_json::from_value::<psk_cert::trust::SignedList>(signed.clone())
        .unwrap()
        .open(None)
        .unwrap();
    assert_eq!(opened.revoked, vec![revoked.clone()]);
    assert!(opened.next_update - opened.issued_at == 24 * 3600);
    assert_eq!(opened.keys.len(), 1);

    // Offline: the kept certificate is valid, the revoked one is refused, saying so.
    let (ok, said) = cli(&app, &["verify", &kept_text, "--trust-list", "list.json"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("not revoked or superseded")
            && said.contains(&kept)
            && said.contains("hours ago"),
        "{said}"
    );
    assert!(
        said.contains("compare its id"),
        "an unpinned list says so: {said}"
    );
    let (ok, said) = cli(
        &app,
        &["verify", &revoked_text, "--trust-list", "list.json"],
    );
    assert!(!ok);
    assert!(
        said.contains("revoked") && said.contains(&revoked),
        "{said}"
    );

    // Pinned to the published keys: accepted; to another key: refused.
    let keys = app
        .get_api("/api/v1/certificate-keys", None)
        .await
        .bytes()
        .await
        .unwrap();
    std::fs::write(app.dir.join("keys.json"), &keys).unwrap();
    let (ok, said) = cli(
        &app,
        &[
            "verify",
            &kept_text,
            "--trust-list",
            "list.json",
            "--keys",
            "keys.json",
        ],
    );
    assert!(ok && !said.contains("compare its id"), "{said}");
    let other = psk_cert::Signer::from_secret(&[1; 32]);
    let x = psk_cert::link::base64url::encode(&other.public_key());
    let foreign = json!({ "keys": [{ "kid": other.kid, "x": x, "created_at": "2026-01-01T00:00:00Z", "retired_at": null, "compromised_at": null }] });
    std::fs::write(app.dir.join("foreign.json"), foreign.to_string()).unwrap();
    let (ok, said) = cli(
        &app,
        &[
            "verify",
            &kept_text,
            "--trust-list",
            "list.json",
            "--keys",
            "foreign.json",
        ],
    );
    assert!(
        !ok && said.contains("not among the keys trusted here"),
        "{said}"
    );

    // A list with the revocation taken out no longer verifies.
    let mut list: Value = serde_json::from_slice(
        &psk_cert::link::base64url::decode(signed["list"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    list["revoked"] = json!([]);
    let mut forged = signed.clone();
    forged["list"] = json!(psk_cert::link::base64url::encode(
        list.to_string().as_bytes()
    ));
    std::fs::write(app.dir.join("forged.json"), forged.to_string()).unwrap();
    let (ok, said) = cli(
        &app,
        &["verify", &revoked_text, "--trust-list", "forged.json"],
    );
    assert!(!ok && said.contains("altered"), "{said}");

    // The officers' offline page is there, for everyone, and keepable by the service worker.
    let (status, headers, html) = app.get_page("/protector/offline").await;
    assert_eq!(status, 200);
    assert_eq!(headers["cache-control"], "private, no-cache");
    assert!(html.contains("/static/offline.js") && html.contains("data-revoked="));
    let js = app.get_api("/static/offline.js", None).await;
    assert_eq!(js.status(), 200);
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
}
