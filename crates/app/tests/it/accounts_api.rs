//! Registration, sign-in, sign-out and password reset through the JSON API.

use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};
use crate::on_both;

async fn start(app: &TestApp, t: &Trainee) -> String {
    let res = app
        .post_api("/api/v1/registrations", t.registration(), None)
        .await;
    assert_eq!(res.status(), 202);
    res.json::<Value>().await.unwrap()["registration_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

on_both! {
    async fn registration_creates_account_only_after_otp(app) {
        let t = Trainee::numbered(1);
        let id = start(&app, &t).await;
        // Nothing is an account until the mobile is verified; the pending row is encrypted.
        assert_eq!(app.count("users").await, 0);
        assert_eq!(app.count("pending_registrations").await, 1);
        let code = app.next_code(&t.mobile_e164).await;
        let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": code }), None).await;
        assert_eq!(res.status(), 201);
        let body: Value = res.json().await.unwrap();
        let token = body["token"].as_str().unwrap();
        assert_eq!(body["role"], "trainee");
        assert_eq!(app.count("users").await, 1);
        assert_eq!(app.count("pending_registrations").await, 0);

        let me: Value = app.get_api("/api/v1/me", Some(token)).await.json().await.unwrap();
        assert_eq!(me["full_name"], t.name);
        assert_eq!(me["cnic"], "35202-1000001-1");
        assert_eq!(me["passport_number"], "AB1000001");
        assert_eq!(me["mobile"], "0300 1000001");
        assert_eq!(me["district"], "PB-LAHORE");
        let consents = me["consents"].as_array().unwrap();
        assert_eq!(consents.len(), 4);
        assert!(consents.iter().all(|c| c["policy_version"] == "2026-11"));
        assert!(consents.iter().any(|c| c["purpose"] == "research" && c["granted"] == true));
        assert!(consents.iter().any(|c| c["purpose"] == "share_with_employers" && c["granted"] == false));

        let actions = app.audit_actions().await;
        for a in ["otp.sent", "otp.verified", "account.registered", "signin.succeeded"] {
            assert!(actions.iter().any(|x| x == a), "{a} missing from {actions:?}");
        }
        // The same code cannot be used twice.
        let again = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": code }), None).await;
        assert_eq!(again.status(), 410);
    }

    async fn personal_data_is_encrypted_at_rest(app) {
        let t = app.trainee(2).await;
        let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_as("SELECT cnic_enc, passport_enc, mobile_enc FROM users").fetch_all(e).await).unwrap();
        let (cnic, passport, mobile) = &rows[0];
        for (blob, plain) in [(cnic, t.cnic.as_bytes()), (passport, t.passport.as_bytes()), (mobile, t.mobile_e164.as_bytes())] {
            assert!(!blob.windows(plain.len()).any(|w| w == plain), "plaintext found at rest");
        }
        let jobs: Vec<Vec<u8>> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar("SELECT payload_enc FROM jobs").fetch_all(e).await).unwrap();
        assert!(!jobs.is_empty());
        for j in jobs {
            assert!(!j.windows(13).any(|w| w == t.mobile_e164.as_bytes()), "phone number in a job payload");
        }
    }

    async fn duplicate_cnic_passport_and_mobile_limit(app) {
        app.start_of_hour();
        let first = app.trainee(3).await;
        // Registering someone's CNIC or passport again tells the page nothing: it answers as for
        // a new registration, and only the mobile number given learns, by SMS, that the CNIC or
        // passport is already registered. No code is sent, and none verifies.
        let fresh = app.post_api("/api/v1/registrations", Trainee::numbered(9).registration(), None).await;
        assert_eq!(fresh.status(), 202);
        let fresh: Value = fresh.json().await.unwrap();
        let mut same_cnic = Trainee::numbered(4);
        same_cnic.cnic = first.cnic.clone();
        let mut same_passport = Trainee::numbered(5);
        same_passport.passport = first.passport.clone();
        for t in [&same_cnic, &same_passport] {
            let res = app.post_api("/api/v1/registrations", t.registration(), None).await;
            assert_eq!(res.status(), 202);
            let body: Value = res.json().await.unwrap();
            let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(&body), keys(&fresh));
            assert_eq!(body["passport_expires_soon"], fresh["passport_expires_soon"]);
            let sms = app.next_message("sms", &t.mobile_e164).await;
            let text = sms["text"].as_str().unwrap();
            assert!(text.contains("already registered") && !text.chars().any(|c| c.is_ascii_digit()), "{text}");
            let id = body["registration_id"].as_str().unwrap();
            let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": "123456" }), None).await;
            assert_eq!(res.status(), 422);
            assert_eq!(res.json::<Value>().await.unwrap()["code"], "otp_invalid");
        }
        assert!(app.audit_actions().await.contains(&"registration.already_registered".to_owned()));

        // Three accounts may share a mobile (families); the fourth may not.
        for n in 6..8 {
            let mut t = Trainee::numbered(n);
            t.mobile = first.mobile.clone();
            t.mobile_e164 = first.mobile_e164.clone();
            app.advance(61); // the resend interval per number
            let id = start(&app, &t).await;
            let code = app.next_code(&t.mobile_e164).await;
            assert_eq!(app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": code }), None).await.status(), 201);
        }
        let mut fourth = Trainee::numbered(8);
        fourth.mobile = first.mobile.clone();
        app.advance(61);
        let body: Value = app.post_api("/api/v1/registrations", fourth.registration(), None).await.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "mobile");
        assert_eq!(body["errors"][0]["code"], "mobile_limit");
        assert_eq!(app.count("users").await, 3);
        // Waiting for codes: the fresh registration and the two whose "code" said "already registered".
        assert_eq!(app.count("pending_registrations").await, 3);
    }

    async fn sign_in_by_cnic_or_mobile_and_sign_out(app) {
        let t = app.trainee(10).await;
        for identifier in [t.cnic.clone(), "35202-1000010-1".to_owned(), t.mobile.clone(), t.mobile_e164.clone()] {
            let res = app
                .request(reqwest::Method::POST, "/api/v1/sessions", Some(json!({ "identifier": identifier, "password": t.password })), None,
                    &[("x-device-id", "android-abc"), ("x-device-model", "Infinix Hot 30"), ("x-device-os", "Android 13"), ("x-app-version", "1.0.0")])
                .await;
            assert_eq!(res.status(), 201, "{identifier}");
        }
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await;
        let token = res.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
        let devices: Value = app.get_api("/api/v1/me/devices", Some(&token)).await.json().await.unwrap();
        let app_device = devices.as_array().unwrap().iter().find(|d| d["kind"] == "app" && d["model"].is_string()).expect("the app device is recorded");
        assert_eq!(app_device["model"], "Infinix Hot 30");
        assert_eq!(app_device["os"], "Android 13");
        assert_eq!(app_device["app_version"], "1.0.0");

        let res = app.request(reqwest::Method::DELETE, "/api/v1/sessions/current", None, Some(&token), &[]).await;
        assert_eq!(res.status(), 204);
        let res = app.get_api("/api/v1/me", Some(&token)).await;
        assert_eq!(res.status(), 401);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "unauthorized");
    }

    async fn wrong_password_and_unknown_account_answer_alike_then_lock(app) {
        app.start_of_hour();
        let t = app.trainee(11).await;
        let wrong = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "not my password" }), None).await;
        assert_eq!(wrong.status(), 401);
        let wrong: Value = wrong.json().await.unwrap();
        let unknown = app.post_api("/api/v1/sessions", json!({ "identifier": "61101-1234567-1", "password": "not my password" }), None).await;
        assert_eq!(unknown.status(), 401);
        let unknown: Value = unknown.json().await.unwrap();
        assert_eq!(wrong, unknown);
        assert_eq!(wrong["code"], "invalid_credentials");

        for _ in 0..4 {
            app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "still wrong" }), None).await;
        }
        // Locked: even the right password is refused until the window passes.
        let locked = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await;
        assert_eq!(locked.status(), 429);
        assert!(locked.headers().contains_key("retry-after"));
        assert_eq!(locked.json::<Value>().await.unwrap()["code"], "signin_locked");
        app.advance(16 * 60);
        let ok = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await;
        assert_eq!(ok.status(), 201);
        assert!(app.audit_actions().await.iter().filter(|a| *a == "signin.failed").count() >= 5);
    }

    async fn idle_sessions_expire(app) {
        let t = app.trainee(12).await;
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 200);
        app.advance(31 * 86400);
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 401);
    }

    async fn password_reset_by_otp(app) {
        let t = app.trainee(13).await;
        // An unknown identifier gets the same kind of answer.
        let unknown = app.post_api("/api/v1/password-resets", json!({ "identifier": "61101-7654321-1" }), None).await;
        assert_eq!(unknown.status(), 202);
        app.advance(61); // one code a minute per number
        let res = app.post_api("/api/v1/password-resets", json!({ "identifier": t.cnic }), None).await;
        assert_eq!(res.status(), 202);
        let reset_id = res.json::<Value>().await.unwrap()["reset_id"].as_str().unwrap().to_owned();
        let code = app.next_code(&t.mobile_e164).await;
        // A weak new password is refused without spending a try.
        let weak = app.post_api(&format!("/api/v1/password-resets/{reset_id}/complete"), json!({ "code": code, "password": "password" }), None).await;
        assert_eq!(weak.status(), 422);
        assert_eq!(weak.json::<Value>().await.unwrap()["errors"][0]["code"], "password_common");
        let done = app.post_api(&format!("/api/v1/password-resets/{reset_id}/complete"), json!({ "code": code, "password": "a new long passphrase" }), None).await;
        assert_eq!(done.status(), 204);
        // Old sessions are signed out; the old password no longer works; the new one does.
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 401);
        assert_eq!(app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await.status(), 401);
        assert_eq!(app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "a new long passphrase" }), None).await.status(), 201);
        assert!(app.audit_actions().await.contains(&"password.reset".to_owned()));
    }

    async fn email_is_verified_by_link(app) {
        let t = Trainee::numbered(14);
        let mut reg = t.registration();
        reg["email"] = json!("asif@example.pk");
        let res = app.post_api("/api/v1/registrations", reg, None).await;
        let id = res.json::<Value>().await.unwrap()["registration_id"].as_str().unwrap().to_owned();
        let code = app.next_code(&t.mobile_e164).await;
        let body: Value = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": code }), None).await.json().await.unwrap();
        let token = body["token"].as_str().unwrap();
        let mail = app.next_message("email", "asif@example.pk").await;
        let text = mail["text"].as_str().unwrap();
        let link_token = crate::harness::extract_between(text, "token=", " ").unwrap();
        let me: Value = app.get_api("/api/v1/me", Some(token)).await.json().await.unwrap();
        assert_eq!(me["email_verified"], false);
        assert_eq!(app.post_api("/api/v1/email-verifications", json!({ "token": "wrong" }), None).await.status(), 410);
        assert_eq!(app.post_api("/api/v1/email-verifications", json!({ "token": link_token }), None).await.status(), 204);
        let me: Value = app.get_api("/api/v1/me", Some(token)).await.json().await.unwrap();
        assert_eq!(me["email_verified"], true);
    }
}
