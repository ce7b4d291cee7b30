//! A bounded schema-driven fuzz run (Schemathesis, from tests/python/requirements.txt) against
//! `/api/openapi.json`: every operation, with a trainee's token, and the BE&OE operations with a
//! client's secret. No server error, and every answer as the document says: its status
//! declared, its content type and body as declared (problem+json for errors), its headers.
//!
//! Not checked: that every schema-valid request is accepted. CNIC check digits, dates, districts
//! of a province and the like are rules beyond JSON Schema; such a request gets a 422 naming the
//! field and the rule, which the document declares.

use base64::Engine;

use crate::harness::TestApp;

const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance";

async fn schemathesis(app: &TestApp, auth: &str, only: Option<&str>) -> (bool, String) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = root.join("target/pycheck/bin/schemathesis");
    assert!(
        bin.exists(),
        "{} is missing: python3 -m venv target/pycheck && target/pycheck/bin/pip install -r tests/python/requirements.txt (./scripts/test does this)",
        bin.display()
    );
    let mut cmd = tokio::process::Command::new(bin);
    cmd.arg("run")
        .arg(format!("{}/api/openapi.json", app.base))
        .args(["-H", &format!("Authorization: {auth}")])
        .args([
            "--checks",
            CHECKS,
            "--max-examples",
            "8",
            "--workers",
            "1",
            "--seed",
            "20261207",
        ])
        .env("SCHEMATHESIS_HOOKS", "")
        .current_dir(&app.dir);
    if let Some(regex) = only {
        cmd.args(["--include-path-regex", regex]);
    }
    let out = cmd.output().await.unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_what_the_server_does() {
    let app = TestApp::spawn_sqlite_with(|c| {
        c.registration.max_attempts_per_client_per_hour = 100_000;
        c.otp.max_per_client_per_hour = 100_000;
    })
    .await;
    crate::learning::with_course(&app).await;
    let t = app.trainee(990).await;
    let (ok, said) = schemathesis(&app, &format!("Bearer {}", t.token), None).await;
    assert!(ok && !said.contains("Failures:"), "{said}");

    let admin = app.staff("administrator", 33).await;
    let client: serde_json::Value = app
        .post_api("/api/v1/admin/api-clients", serde_json::json!({ "name": "BE&OE e-Protector", "scopes": ["certificates:read", "stamps:write"], "office": "LHR" }), Some(&admin.token))
        .await
        .json()
        .await
        .unwrap();
    let secret = format!(
        "{}:{}",
        client["client_id"].as_str().unwrap(),
        client["client_secret"].as_str().unwrap()
    );
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(secret)
    );
    let (ok, said) = schemathesis(&app, &basic, Some("^/api/v1/beoe")).await;
    assert!(ok && !said.contains("Failures:"), "{said}");
}
