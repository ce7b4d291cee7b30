//! Every rule of DESIGN.md section 4: a bad value gets an error naming the field, in the user's
//! language, and changes nothing.

use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};
use crate::on_both;

/// (field, bad value, expected code)
const CASES: &[(&str, &str, &str)] = &[
    ("cnic", "", "required"),
    ("cnic", "3520-21234567-1", "cnic_format"),
    ("cnic", "352021234567", "cnic_format"),
    ("cnic", "05202-1234567-1", "cnic_region"),
    ("gender", "female", "cnic_gender_mismatch"),
    ("passport_number", "A12345678", "passport_format"),
    ("passport_number", "AB123456", "passport_format"),
    ("passport_expiry", "2020-01-01", "passport_expired"),
    ("passport_expiry", "31/12/2030", "date_format"),
    ("full_name", "A", "name_too_short"),
    ("full_name", "Asif 123", "name_characters"),
    ("guardian_name", "", "required"),
    ("guardian_relation", "uncle", "choose_option"),
    ("date_of_birth", "2015-01-01", "dob_too_young"),
    ("date_of_birth", "2099-01-01", "dob_future"),
    ("date_of_birth", "1998-02-30", "date_format"),
    ("gender", "x", "choose_option"),
    ("mobile", "042 35761234", "mobile_format"),
    ("mobile", "+44 7700 900123", "mobile_format"),
    ("email", "asif@", "email_format"),
    ("province", "XX", "choose_option"),
    ("district", "SD-KARACHI-SOUTH", "district_not_in_province"),
    ("language", "fr", "choose_option"),
    ("password", "short", "password_too_short"),
    ("password", "password123", "password_common"),
    ("password", "35202-1000030-1", "password_is_cnic"),
];

async fn nothing_changed(app: &TestApp) {
    for table in ["users", "pending_registrations", "otps", "jobs"] {
        assert_eq!(app.count(table).await, 0, "{table} changed");
    }
    assert!(app.outbox().is_empty());
}

on_both! {
    async fn each_bad_value_is_named_and_changes_nothing(app) {
        let t = Trainee::numbered(30);
        for (field, value, code) in CASES {
            let mut reg = t.registration();
            reg[*field] = json!(value);
            let res = app.post_api("/api/v1/registrations", reg, None).await;
            assert_eq!(res.status(), 422, "{field}={value}");
            assert_eq!(res.headers()["content-type"], "application/problem+json");
            let body: Value = res.json().await.unwrap();
            let errors = body["errors"].as_array().unwrap();
            assert!(
                errors.iter().any(|e| e["field"] == *field && e["code"] == *code && !e["message"].as_str().unwrap().is_empty()),
                "{field}={value}: expected {code}, got {errors:?}"
            );
        }
        let mut reg = t.registration();
        reg["consent_training"] = json!(false);
        let body: Value = app.post_api("/api/v1/registrations", reg, None).await.json().await.unwrap();
        assert_eq!(body["errors"][0]["code"], "consent_required");
        nothing_changed(&app).await;
    }

    async fn messages_are_in_the_requested_language(app) {
        let mut reg = Trainee::numbered(31).registration();
        reg["mobile"] = json!("12345");
        let res = app.request(reqwest::Method::POST, "/api/v1/registrations", Some(reg), None, &[("accept-language", "ur-PK,ur;q=0.9")]).await;
        let body: Value = res.json().await.unwrap();
        let msg = body["errors"][0]["message"].as_str().unwrap();
        assert!(msg.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "not Urdu: {msg}");
        assert!(body["detail"].as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        nothing_changed(&app).await;
    }

    async fn malformed_bodies_are_refused_cleanly(app) {
        let mut reg = Trainee::numbered(32).registration();
        reg["role"] = json!("administrator");
        let res = app.post_api("/api/v1/registrations", reg, None).await;
        assert_eq!(res.status(), 400);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "malformed_body");
        let res = app.request(reqwest::Method::POST, "/api/v1/registrations", None, None, &[("content-type", "text/plain")]).await;
        assert_eq!(res.status(), 415);
        let big = "x".repeat(100 * 1024);
        let res = app.post_api("/api/v1/registrations", json!({ "full_name": big }), None).await;
        assert_eq!(res.status(), 413);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "payload_too_large");
        nothing_changed(&app).await;
    }

    async fn profile_values_have_rules_too(app) {
        let t = app.trainee(33).await;
        let cases = [
            ("/api/v1/me/education", json!({ "level": "phd" }), "level", "choose_option"),
            ("/api/v1/me/education", json!({ "level": "matric", "year": "1890" }), "year", "year_range"),
            ("/api/v1/me/education", json!({ "level": "matric", "hec_verification": true }), "hec_verification", "hec_not_applicable"),
            ("/api/v1/me/employment", json!({ "employer": "Al Noor", "job_title": "Mason", "occupation": "9999", "country": "SA", "from": "2019-01" }), "occupation", "choose_option"),
            ("/api/v1/me/employment", json!({ "employer": "Al Noor", "job_title": "Mason", "occupation": "7112", "country": "SA", "from": "2019-05", "to": "2019-01" }), "to", "end_before_start"),
            ("/api/v1/me/employment", json!({ "employer": "x".repeat(151), "job_title": "Mason", "occupation": "7112", "country": "SA", "from": "2019-05" }), "employer", "too_long"),
        ];
        for (path, body, field, code) in cases {
            let res = app.post_api(path, body, Some(&t.token)).await;
            assert_eq!(res.status(), 422);
            let body: Value = res.json().await.unwrap();
            assert!(body["errors"].as_array().unwrap().iter().any(|e| e["field"] == field && e["code"] == code), "{body}");
        }
        let res = app.request(reqwest::Method::PUT, "/api/v1/me/intended-move", Some(json!({ "destination": "PK", "occupation": "7112" })), Some(&t.token), &[]).await;
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "destination_abroad");
        assert_eq!(app.count("education").await, 0);
        assert_eq!(app.count("employment").await, 0);
        assert_eq!(app.count("intended_moves").await, 0);
    }
}
