//! The binary's commands, run as an operator would.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

fn softskills(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_softskills"))
        .args(args)
        .current_dir(dir)
        .env("SOFTSKILLS_DATA_DIR", dir.join("data"))
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_and_create_staff_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("psk-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = softskills(&dir, &["migrate"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("data/softskills.db").exists());

    let bad = softskills(
        &dir,
        &[
            "admin",
            "create-user",
            "--role",
            "king",
            "--name",
            "A",
            "--mobile",
            "123",
        ],
        "password\n",
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--role")
            && err.contains("--name")
            && err.contains("--mobile")
            && err.contains("password (standard input)"),
        "{err}"
    );

    let out = softskills(
        &dir,
        &[
            "admin",
            "create-user",
            "--role",
            "administrator",
            "--name",
            "Ayesha Khan",
            "--mobile",
            "03001234567",
        ],
        "a long admin passphrase\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.join("data/dev-keys.toml").exists(),
        "development keys are generated on first use"
    );
    let id = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(id.len(), 36);
    let out = softskills(
        &dir,
        &[
            "admin",
            "set-role",
            "--user",
            &id,
            "--role",
            "support_agent",
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The portal on the same data directory signs the new staff member in.
    let cfg = crate::harness::test_config(
        &dir.join("data"),
        &format!("sqlite://{}", dir.join("data/softskills.db").display()),
    );
    let app = crate::harness::TestApp::start(cfg, dir.clone(), None).await;
    let res = app
        .post_api(
            "/api/v1/sessions",
            json!({ "identifier": "0300 1234567", "password": "a long admin passphrase" }),
            None,
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap()["role"],
        "support_agent"
    );
    let actions = app.audit_actions().await;
    assert!(
        actions.contains(&"role.granted".to_owned())
            && actions.contains(&"role.changed".to_owned())
    );
}

#[test]
fn a_bad_configuration_is_explained() {
    let out = Command::new(env!("CARGO_BIN_EXE_softskills"))
        .arg("migrate")
        .env("SOFTSKILLS_LOG_FORMAT", "xml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("log_format"));
}

crate::on_both! {
    // Load data for bench/: real-looking records that sign in with the shared password, and
    // certificates that verify by number.
    async fn load_data_is_generated(app) {
        let (u, c) = softskills::loaddata::generate(&app.state, 0, 300, 120).await.unwrap();
        assert_eq!((u, c), (300, 120));
        // More can be added after the first run.
        let (u, _) = softskills::loaddata::generate(&app.state, 300, 50, 0).await.unwrap();
        assert_eq!(u, 50);
        assert_eq!(app.count("certificates").await, 120);
        let (cnic, _, _, _) = softskills::loaddata::identity(7);
        let res = app.post_api("/api/v1/sessions", serde_json::json!({ "identifier": cnic, "password": softskills::loaddata::LOAD_PASSWORD }), None).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        for i in [0u64, 1, 299] {
            let (cnic, passport, mobile, _) = softskills::loaddata::identity(i);
            assert!(psk_domain::cnic::Cnic::parse(&cnic).is_ok(), "{cnic}");
            assert!(psk_domain::passport::PassportNumber::parse(&passport).is_ok(), "{passport}");
            assert!(psk_domain::contact::MobileNumber::parse(&mobile).is_ok(), "{mobile}");
        }
        let number: String = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar("SELECT number FROM certificates LIMIT 1").fetch_one(e).await).unwrap();
        let v: serde_json::Value = app.get_api(&format!("/api/v1/certificates/{number}"), None).await.json().await.unwrap();
        assert_eq!(v["status"], "valid");
    }
}
