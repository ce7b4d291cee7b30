//! Profile editing through the API: education, employment, intended move, contact, consents.

use reqwest::Method;
use serde_json::{Value, json};

use crate::on_both;

on_both! {
    async fn edit_every_part_of_the_profile(app) {
        let t = app.trainee(60).await;
        let tok = Some(t.token.as_str());
        let edu: Value = app.post_api("/api/v1/me/education", json!({ "level": "bachelor", "institution": "University of the Punjab", "year": "2019", "hec_verification": true }), tok).await.json().await.unwrap();
        let edu_id = edu["id"].as_str().unwrap();
        assert_eq!(app.request(Method::PUT, &format!("/api/v1/me/education/{edu_id}"), Some(json!({ "level": "master", "year": "2021" })), tok, &[]).await.status(), 204);
        let job: Value = app.post_api("/api/v1/me/employment", json!({ "employer": "Al Noor Construction", "job_title": "Mason", "occupation": "7112", "country": "SA", "from": "2019-03", "to": "2022-06" }), tok).await.json().await.unwrap();
        assert!(job["id"].is_string());
        // Direction marks and invisible characters in text others read are refused, naming why.
        let spoof = app.request(Method::PUT, "/api/v1/me/intended-move", Some(json!({ "destination": "QA", "occupation": "8322", "employer_or_oep": "Gulf\u{200B} Transport", "salary_amount": "3,000", "salary_currency": "QAR", "benefits": "Room\u{2067} and food" })), tok, &[]).await;
        assert_eq!(spoof.status(), 422);
        let spoof: Value = spoof.json().await.unwrap();
        let codes: Vec<&str> = spoof["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["text_hidden_characters", "text_hidden_characters"], "{spoof}");
        assert!(spoof["errors"][0]["message"].as_str().unwrap().contains("hidden character"));
        assert_eq!(app.request(Method::PUT, "/api/v1/me/intended-move", Some(json!({ "destination": "QA", "occupation": "8322", "employer_or_oep": "Gulf Transport", "salary_amount": "3,000", "salary_currency": "QAR", "benefits": "Room and food" })), tok, &[]).await.status(), 204);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/contact", Some(json!({ "email": "asif@example.pk", "province": "KP", "district": "KP-SWAT" })), tok, &[]).await.status(), 204);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents", Some(json!({ "training": true, "share_with_employers": true, "research": false, "news": false })), tok, &[]).await.status(), 204);
        let res = app.request(Method::PUT, "/api/v1/me/consents", Some(json!({ "training": false, "share_with_employers": true, "research": false, "news": false })), tok, &[]).await;
        assert_eq!(res.status(), 422);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/language", Some(json!({ "language": "ur" })), tok, &[]).await.status(), 204);

        let me: Value = app.get_api("/api/v1/me", tok).await.json().await.unwrap();
        assert_eq!(me["education"][0]["level"], "master");
        assert_eq!(me["education"][0]["year"], 2021);
        assert_eq!(me["employment"][0]["occupation"], "7112");
        assert_eq!(me["intended_move"]["salary_amount"], 3000);
        assert_eq!(me["intended_move"]["salary_currency"], "QAR");
        assert_eq!(me["district"], "KP-SWAT");
        assert_eq!(me["email"], "asif@example.pk");
        assert_eq!(me["email_verified"], false);
        assert_eq!(me["language"], "ur");
        assert!(me["consents"].as_array().unwrap().iter().any(|c| c["purpose"] == "share_with_employers" && c["granted"] == true));
        assert!(app.audit_actions().await.contains(&"consent.given".to_owned()));
        // A changed email gets a verification link.
        let mail = app.next_message("email", "asif@example.pk").await;
        assert!(mail["text"].as_str().unwrap().contains("/email/verify?token="));

        assert_eq!(app.request(Method::DELETE, &format!("/api/v1/me/education/{edu_id}"), None, tok, &[]).await.status(), 204);
        assert_eq!(app.request(Method::DELETE, &format!("/api/v1/me/education/{edu_id}"), None, tok, &[]).await.status(), 404);
    }

    async fn reference_lists_in_both_languages(app) {
        let en: Value = app.get_api("/api/v1/reference/districts?province=SD", None).await.json().await.unwrap();
        assert!(en.as_array().unwrap().len() >= 25);
        assert!(en.as_array().unwrap().iter().all(|d| d["parent"] == "SD"));
        let ur: Value = app.request(Method::GET, "/api/v1/reference/provinces", None, None, &[("accept-language", "ur")]).await.json().await.unwrap();
        assert_eq!(ur.as_array().unwrap().len(), 7);
        assert!(ur[0]["name"].as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        let occ: Value = app.get_api("/api/v1/reference/occupations", None).await.json().await.unwrap();
        assert_eq!(occ.as_array().unwrap().len(), 436);
    }
}
