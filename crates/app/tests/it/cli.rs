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
        use softskills::loaddata::{Plan, generate};
        crate::learning::with_course(&app).await;
        let tokens = app.dir.join("tokens.txt");
        let plan = Plan { from: 0, trainees: 300, certificates: 120, exam_ready: 5, tokens: Some(tokens.clone()), ..Default::default() };
        let w = generate(&app.state, &plan).await.unwrap();
        assert_eq!((w.trainees, w.certificates, w.exam_ready), (300, 120, 5));
        // More can be added after the first run.
        let w = generate(&app.state, &Plan { from: 300, trainees: 50, certificates: 0, exam_ready: 0, tokens: None, ..Default::default() }).await.unwrap();
        assert_eq!(w.trainees, 50);
        assert_eq!(app.count("certificates").await, 120);
        // Exam-ready trainees are signed in (web and API) and may start the final test at once.
        let lines = std::fs::read_to_string(&tokens).unwrap();
        let lines: Vec<&str> = lines.lines().collect();
        assert_eq!(lines.len(), 5);
        let (web, api) = lines[0].split_once(' ').unwrap();
        let res = app.post_api("/api/v1/test/attempts", serde_json::json!({}), Some(api)).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        app.set_cookie("pss_session", web);
        let (status, _, page) = app.get_page("/test").await;
        assert_eq!(status, 200);
        assert!(page.contains("<form"), "the final test's start page: {page}");
        // Nonsense is refused before anything is written.
        let bad = Plan { from: 400, trainees: 10, certificates: 8, exam_ready: 5, tokens: Some(tokens.clone()), ..Default::default() };
        assert!(generate(&app.state, &bad).await.is_err());
        let bad = Plan { from: 400, trainees: 10, certificates: 0, exam_ready: 5, tokens: None, ..Default::default() };
        assert!(generate(&app.state, &bad).await.is_err());
        assert_eq!(app.count("users").await, 350);
        // OEPs with a user, demands and shortlists; 40 % of the certified are found by a search.
        let org_tokens = app.dir.join("org-tokens.txt");
        let w = generate(&app.state, &Plan { from: 350, organisations: 2, demands: 2, shortlist: 3, org_tokens: Some(org_tokens.clone()), ..Default::default() }).await.unwrap();
        assert_eq!(w.organisations, 2);
        assert_eq!((app.count("demands").await, app.count("placements").await), (4, 12));
        let token = std::fs::read_to_string(&org_tokens).unwrap().lines().next().unwrap().to_owned();
        let found: serde_json::Value = app.get_api("/api/v1/organisation/candidates?occupation=7411", Some(&token)).await.json().await.unwrap();
        assert_eq!(found["total"], 6, "{found}");
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
