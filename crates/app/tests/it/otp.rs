//! One-time passwords: tries, expiry, resend and its limits.

use serde_json::{Value, json};

use crate::harness::Trainee;
use crate::on_both;

on_both! {
    async fn five_tries_per_code(app) {
        let t = Trainee::numbered(20);
        let id = app.post_api("/api/v1/registrations", t.registration(), None).await.json::<Value>().await.unwrap()["registration_id"].as_str().unwrap().to_owned();
        let code = app.next_code(&t.mobile_e164).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for left in [4, 3, 2, 1] {
            let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": wrong }), None).await;
            assert_eq!(res.status(), 422);
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["code"], "otp_invalid");
            assert_eq!(body["tries_left"], left);
        }
        let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": wrong }), None).await;
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "otp_attempts_exhausted");
        // Even the right code is refused now; nothing was created.
        let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": code }), None).await;
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "otp_attempts_exhausted");
        assert_eq!(app.count("users").await, 0);
        assert_eq!(app.audit_actions().await.iter().filter(|a| *a == "otp.failed").count(), 5);
    }

    async fn codes_expire_after_five_minutes_and_resend_replaces_them(app) {
        app.start_of_hour();
        let t = Trainee::numbered(21);
        let id = app.post_api("/api/v1/registrations", t.registration(), None).await.json::<Value>().await.unwrap()["registration_id"].as_str().unwrap().to_owned();
        let old = app.next_code(&t.mobile_e164).await;
        app.advance(301);
        let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": old }), None).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "otp_expired");

        assert_eq!(app.post_api(&format!("/api/v1/registrations/{id}/resend"), json!({}), None).await.status(), 202);
        let new = app.next_code(&t.mobile_e164).await;
        // A second resend within the interval is refused.
        let res = app.post_api(&format!("/api/v1/registrations/{id}/resend"), json!({}), None).await;
        assert_eq!(res.status(), 429);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "rate_limited");
        if old != new {
            let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": old }), None).await;
            assert_eq!(res.status(), 422, "the old code stopped working");
        }
        let res = app.post_api(&format!("/api/v1/registrations/{id}/verify"), json!({ "code": new }), None).await;
        assert_eq!(res.status(), 201);
    }

    async fn resend_limits_per_number_per_hour(app) {
        app.start_of_hour();
        let t = Trainee::numbered(22);
        let id = app.post_api("/api/v1/registrations", t.registration(), None).await.json::<Value>().await.unwrap()["registration_id"].as_str().unwrap().to_owned();
        // Five sends an hour per number (the first was the registration).
        let mut statuses = vec![];
        for _ in 0..5 {
            app.advance(61);
            statuses.push(app.post_api(&format!("/api/v1/registrations/{id}/resend"), json!({}), None).await.status().as_u16());
        }
        assert_eq!(statuses.iter().filter(|s| **s == 202).count(), 4, "{statuses:?}");
        assert_eq!(*statuses.last().unwrap(), 429);
    }

    async fn resend_limits_per_client_address(app) {
        app.start_of_hour();
        // Different numbers from one address: the per-client limit (30 an hour) stops the 31st.
        let mut last = 0;
        for n in 0..31 {
            let t = Trainee::numbered(100 + n);
            last = app.post_api("/api/v1/registrations", t.registration(), None).await.status().as_u16();
        }
        assert_eq!(last, 429);
        assert_eq!(app.count("pending_registrations").await, 30);
    }

    async fn unknown_registration_is_gone(app) {
        let res = app.post_api(&format!("/api/v1/registrations/{}/verify", uuid::Uuid::new_v4()), json!({ "code": "123456" }), None).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "registration_expired");
    }
}
