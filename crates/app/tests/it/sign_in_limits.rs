//! The limits on signing in and asking for a reset: failures lock an address, not the owner;
//! a shared address does not slow others; guesses in parallel cannot outrun a lock; a reset
//! answers alike, and in the same time, for known and unknown accounts.

use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::on_both;

/// Failures from one address lock that address, whatever identifiers it tries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_failures_lock_the_client_address() {
    let dir = std::env::temp_dir().join(format!("psk-lock-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.sign_in.max_failures_per_client = 3;
    let app = TestApp::start(cfg, dir, None).await;
    app.start_of_hour();
    let t = app.trainee(15).await;
    for n in 0..3 {
        let res = app
            .post_api(
                "/api/v1/sessions",
                json!({ "identifier": format!("61101-765432{n}-1"), "password": "guessing away" }),
                None,
            )
            .await;
        assert_eq!(res.status(), 401);
    }
    let res = app
        .post_api(
            "/api/v1/sessions",
            json!({ "identifier": t.cnic, "password": t.password }),
            None,
        )
        .await;
    assert_eq!(res.status(), 429);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "signin_locked");
}

on_both! {
    // Many people share one address (a mobile carrier's NAT, an OEP's office): failures on other
    // identifiers from it do not slow a person who signs in rightly; guessing one identifier does.
    async fn a_shared_address_does_not_slow_other_peoples_sign_in(app) {
        app.start_of_hour();
        let t = app.trainee(17).await;
        for n in 0..8 {
            let res = app.post_api("/api/v1/sessions", json!({ "identifier": format!("61101-765433{n}-1"), "password": "guessing away" }), None).await;
            assert_eq!(res.status(), 401);
        }
        // Before the fix this waited 4 s (the address's count of tries set the back-off).
        let started = std::time::Instant::now();
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await;
        assert_eq!(res.status(), 201);
        assert!(started.elapsed() < std::time::Duration::from_millis(1500), "{:?}", started.elapsed());
        // Three wrong passwords for one identifier: the next answer waits (0.5 s from the fourth).
        for _ in 0..3 {
            let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "not the password" }), None).await;
            assert_eq!(res.status(), 401);
        }
        let started = std::time::Instant::now();
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "not the password" }), None).await;
        assert_eq!(res.status(), 401);
        assert!(started.elapsed() >= std::time::Duration::from_millis(500), "{:?}", started.elapsed());
    }

    async fn a_reset_answers_alike_for_known_and_unknown_accounts(app) {
        app.start_of_hour();
        let t = app.trainee(16).await;
        app.advance(61);
        let known: Value = app.post_api("/api/v1/password-resets", json!({ "identifier": t.cnic }), None).await.json().await.unwrap();
        let unknown: Value = app.post_api("/api/v1/password-resets", json!({ "identifier": "61101-7654321-1" }), None).await.json().await.unwrap();
        let (known_id, unknown_id) = (known["reset_id"].as_str().unwrap(), unknown["reset_id"].as_str().unwrap());
        // A weak password, then a wrong code: the same answers for both.
        for (password, code) in [("password", "000000"), ("a new long passphrase", "000000")] {
            let a = app.post_api(&format!("/api/v1/password-resets/{known_id}/complete"), json!({ "code": code, "password": password }), None).await;
            let b = app.post_api(&format!("/api/v1/password-resets/{unknown_id}/complete"), json!({ "code": code, "password": password }), None).await;
            assert_eq!(a.status(), b.status());
            let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
            assert_eq!(a, b);
        }
        // A second request within the minute: the same answer too (the known one sends no SMS).
        let again = app.post_api("/api/v1/password-resets", json!({ "identifier": t.cnic }), None).await;
        assert_eq!(again.status(), 202);
    }

    async fn parallel_guesses_cannot_outrun_the_lock(app) {
        app.start_of_hour();
        let t = app.trainee(17).await;
        let guesses = (0..12).map(|n| app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": format!("guess number {n}") }), None));
        let statuses: Vec<u16> = crate::harness::join_all(guesses).await.iter().map(|r| r.status().as_u16()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 7, "{statuses:?}");
    }
}

/// Signs in through the API from an address (`X-Forwarded-For`, trusted in these tests) and,
/// when given, a named device; returns the status.
async fn sign_in_from(
    app: &TestApp,
    ip: &str,
    device: Option<&str>,
    id: &str,
    password: &str,
) -> u16 {
    let mut headers = vec![("x-forwarded-for", ip)];
    if let Some(d) = device {
        headers.push(("x-device-id", d));
    }
    let body = json!({ "identifier": id, "password": password });
    app.request(
        reqwest::Method::POST,
        "/api/v1/sessions",
        Some(body),
        None,
        &headers,
    )
    .await
    .status()
    .as_u16()
}

on_both! {
    // A stranger cannot lock the owner out: failures lock the stranger's own address, then devices
    // the account never used; the owner's phone still gets in, and a password reset lifts it all.
    with(|c: &mut softskills::config::Config| {
        c.trust_proxy_headers = true;
        c.sign_in.max_failures_per_account_everywhere = 6;
    })
    async fn a_stranger_cannot_lock_the_owner_out(app) {
        app.start_of_hour();
        let t = app.trainee(18).await;
        assert_eq!(sign_in_from(&app, "10.0.0.1", Some("owner-phone"), &t.cnic, &t.password).await, 201);
        // The stranger's five wrong guesses lock the stranger's address for this account.
        for _ in 0..5 {
            assert_eq!(sign_in_from(&app, "10.0.0.2", None, &t.cnic, "guessing away").await, 401);
        }
        assert_eq!(sign_in_from(&app, "10.0.0.2", None, &t.cnic, &t.password).await, 429);
        // The owner elsewhere, even on a new device, still gets in.
        assert_eq!(sign_in_from(&app, "10.0.0.3", Some("owner-new-tablet"), &t.cnic, &t.password).await, 201);
        // Six failures from wherever lock devices the account never used, at any address...
        for n in 0..6 {
            let ip = format!("10.0.1.{n}");
            assert_eq!(sign_in_from(&app, &ip, None, &t.mobile, "guessing away").await, 401);
        }
        assert_eq!(sign_in_from(&app, "10.0.2.1", None, &t.cnic, &t.password).await, 429);
        // ...but not the owner's phone, wherever it is.
        assert_eq!(sign_in_from(&app, "10.0.2.2", Some("owner-phone"), &t.cnic, &t.password).await, 201);
        // The stranger's first address is still locked, until a password reset by OTP lifts it.
        assert_eq!(sign_in_from(&app, "10.0.0.2", None, &t.cnic, &t.password).await, 429);
        app.advance(61);
        let res = app.post_api("/api/v1/password-resets", json!({ "identifier": t.cnic }), None).await;
        let reset_id = res.json::<Value>().await.unwrap()["reset_id"].as_str().unwrap().to_owned();
        let code = app.next_code(&t.mobile_e164).await;
        let done = app.post_api(&format!("/api/v1/password-resets/{reset_id}/complete"), json!({ "code": code, "password": "a fresh long passphrase" }), None).await;
        assert_eq!(done.status(), 204);
        assert_eq!(sign_in_from(&app, "10.0.0.2", None, &t.cnic, "a fresh long passphrase").await, 201);
    }
}

on_both! {
    // Asking for a password reset takes the same time for an account that exists and one that
    // does not (the known path decrypts the number, counts its limits and queues the SMS).
    with(|c: &mut softskills::config::Config| {
        c.otp.max_per_number_per_hour = 100;
        c.otp.max_per_client_per_hour = 100;
    })
    async fn password_reset_takes_the_same_time_known_or_not(app) {
        let t = app.trainee(19).await;
        let floor = app.state.config.otp.reset_answer_ms as f64;
        let (mut known, mut unknown) = (vec![], vec![]);
        for n in 0..9 {
            app.advance(61); // a real code goes out each time
            for (id, into) in [(t.cnic.clone(), &mut known), (format!("61101-76540{n:02}-1"), &mut unknown)] {
                let started = std::time::Instant::now();
                let res = app.post_api("/api/v1/password-resets", json!({ "identifier": id }), None).await;
                assert_eq!(res.status(), 202);
                into.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        for _ in 0..9 {
            let sms = app.next_message("sms", &t.mobile_e164).await; // each known request sent a code
            assert!(sms["text"].as_str().unwrap().contains("reset"));
        }
        let median = |v: &mut Vec<f64>| { v.sort_by(f64::total_cmp); v[v.len() / 2] };
        let (k, u) = (median(&mut known), median(&mut unknown));
        assert!(k >= floor && u >= floor, "known {k:.1} ms, unknown {u:.1} ms, floor {floor} ms");
        assert!((k - u).abs() < 5.0, "known {k:.1} ms, unknown {u:.1} ms");
    }
}
