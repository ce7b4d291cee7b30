//! Policy versions and notices (issue 13, item 2): the privacy policy and the terms are public
//! versioned content in both languages; an administrator publishes a new version (every problem
//! named, nothing stored); a material one is announced to every worker registered before it (a
//! notice and an SMS) and shown on their dashboard until acknowledged; a new wording of a purpose
//! stops the consents given under the old one until given again.

use psk_domain::consent::Purpose;
use reqwest::Method;
use serde_json::{Value, json};
use softskills::privacy::consent::holds;
use uuid::Uuid;

use crate::harness::extract_between;
use crate::on_both;

/// `field:code` of each field error.
fn field_codes(v: &Value) -> Vec<String> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned() + ":" + e["code"].as_str().unwrap())
        .collect()
}

fn version() -> Value {
    json!({
        "document": "privacy",
        "version": "2027-01",
        "material": true,
        "summary_en": "Employers may now also see the languages you speak.",
        "summary_ur": "اب مالکان یہ بھی دیکھ سکتے ہیں کہ آپ کون سی زبانیں بولتے ہیں۔",
        "body_en": "## What we collect\nYour details.\n\n## Who sees it\nEmployers you allow.",
        "body_ur": "## ہم کیا جمع کرتے ہیں\nآپ کی تفصیلات۔\n\n## کون دیکھتا ہے\nوہ مالکان جنہیں آپ اجازت دیں۔",
        "wordings": [{
            "purpose": "share_with_employers",
            "title_en": "Employers and licensed promoters may find you",
            "title_ur": "مالکان اور لائسنس یافتہ پروموٹر آپ کو ڈھونڈ سکتے ہیں",
            "text_en": "They see your profile, including the languages you speak, never your CNIC.",
            "text_ur": "وہ آپ کا پروفائل دیکھتے ہیں، آپ کی زبانیں بھی، مگر شناختی کارڈ کبھی نہیں۔"
        }]
    })
}

on_both! {
    async fn a_material_change_is_announced_and_asks_again(app) {
        // The first versions are public, in both languages.
        let list: Value = app.get_api("/api/v1/policies", None).await.json().await.unwrap();
        let docs: Vec<&str> = list.as_array().unwrap().iter().map(|v| v["document"].as_str().unwrap()).collect();
        assert!(docs.contains(&"privacy") && docs.contains(&"terms"), "{list}");
        let current: Value = app.get_api("/api/v1/policies/privacy/current", None).await.json().await.unwrap();
        let first = current["version"].as_str().unwrap().to_owned();
        assert!(current["body"].as_str().unwrap().contains("## "), "{current}");
        assert_eq!(app.get_api("/api/v1/policies/cookies/current", None).await.status(), 404);
        let (status, _, html) = app.get_page("/terms").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h2>"), "{html}");
        app.set_cookie("pss_lang", "ur");
        let (_, _, html) = app.get_page("/privacy").await;
        assert!(html.contains("رازداری کی پالیسی") && html.contains(&first), "{html}");
        app.clear_cookies();

        let t = app.trainee(710).await;
        let uid: Uuid = t.user_id.parse().unwrap();
        let tok = Some(t.token.as_str());
        let admin = app.staff("administrator", 61).await;
        assert_eq!(app.get_api("/api/v1/me/policy-changes", tok).await.json::<Value>().await.unwrap(), json!([]));
        app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(json!({ "granted": true })), tok, &[]).await;
        assert!(holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());

        // Only administrators publish; every problem is named; nothing is stored.
        assert_eq!(app.post_api("/api/v1/admin/policies", version(), tok).await.status(), 403);
        let mut bad = version();
        bad["summary_ur"] = json!("");
        bad["version"] = json!("2027/01");
        bad["body_ur"] = json!("آپ کی تفصیلات۔");
        bad["wordings"][0]["text_ur"] = json!(" ");
        let res = app.post_api("/api/v1/admin/policies", bad, Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        let v: Value = res.json().await.unwrap();
        assert_eq!(field_codes(&v), ["version:policy_version_format", "summary_ur:required", "body_ur:policy_headings_differ", "wording_text_ur:required"], "{v}");
        let mut terms_wording = version();
        terms_wording["document"] = json!("terms");
        let res = app.post_api("/api/v1/admin/policies", terms_wording, Some(&admin.token)).await;
        assert_eq!(field_codes(&res.json().await.unwrap()), ["wording_purpose:choose_option"], "a wording belongs to the privacy policy");
        let mut taken = version();
        taken["version"] = json!(first);
        let res = app.post_api("/api/v1/admin/policies", taken, Some(&admin.token)).await;
        assert_eq!(field_codes(&res.json().await.unwrap()), ["version:policy_version_taken"]);
        assert_eq!(app.count("policy_versions").await, 2);
        assert!(holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());

        let res = app.post_api("/api/v1/admin/policies", version(), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        // The new wording is in force at once: the consent given under the old one stops.
        assert!(!holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());
        let mine: Value = app.get_api("/api/v1/me/privacy", tok).await.json().await.unwrap();
        assert_eq!(mine["policy_version"], "2027-01");
        let share = mine["purposes"].as_array().unwrap().iter().find(|p| p["purpose"] == "share_with_employers").unwrap();
        assert_eq!(share["ask_again"], true);
        assert_eq!(share["version"], 2);
        assert!(share["text"].as_str().unwrap().contains("languages"));

        // The worker job tells every worker registered before it: a notice and an SMS.
        let sms = app.next_message("sms", &t.mobile_e164).await;
        assert!(sms["text"].as_str().unwrap().contains("changed"), "{sms}");
        let notices: Value = app.get_api("/api/v1/me/notices", tok).await.json().await.unwrap();
        assert_eq!(notices["notices"][0]["kind"], "policy_changed", "{notices}");
        let pending: Value = app.get_api("/api/v1/me/policy-changes", tok).await.json().await.unwrap();
        assert_eq!(pending.as_array().unwrap().len(), 1);
        assert_eq!(pending[0]["summary"], "Employers may now also see the languages you speak.");
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"policy.published".to_owned()));
        for _ in 0..200 {
            if app.audit_actions().await.contains(&"policy.announced".to_owned()) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        assert!(app.audit_actions().await.contains(&"policy.announced".to_owned()));

        // Someone registered after it accepted it then: nothing to announce or show.
        let later = app.trainee(711).await;
        assert_eq!(app.get_api("/api/v1/me/policy-changes", Some(&later.token)).await.json::<Value>().await.unwrap(), json!([]));
        let theirs: Value = app.get_api("/api/v1/me/notices", Some(&later.token)).await.json().await.unwrap();
        assert_eq!(theirs["notices"].as_array().unwrap().len(), 0);

        // On the dashboard in Urdu until acknowledged (no JavaScript).
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (_, _, html) = app.get_page("/dashboard").await;
        assert!(html.contains("id=\"policy-changes\"") && html.contains("زبانیں بولتے ہیں"), "{html}");
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, _) = app.post_form("/policies/seen", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page("/dashboard").await;
        assert!(!html.contains("id=\"policy-changes\""));
        assert_eq!(app.get_api("/api/v1/me/policy-changes", tok).await.json::<Value>().await.unwrap(), json!([]));
        assert!(app.audit_actions().await.contains(&"policy.acknowledged".to_owned()));

        // Given again under the new wording, it holds; the ledger says under which.
        app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(json!({ "granted": true })), tok, &[]).await;
        assert!(holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());
        let mine: Value = app.get_api("/api/v1/me/privacy", tok).await.json().await.unwrap();
        let last = mine["ledger"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["purpose_version"].clone(), last["policy_version"].clone()), (json!(2), json!("2027-01")));

        // The history is public, with dates and summaries; the older version is still readable.
        let (_, _, html) = app.get_page("/policies").await;
        assert!(html.contains("2027-01") && html.contains(&first), "{html}");
        let (status, _, html) = app.get_page(&format!("/policies/privacy/{first}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("class=\"warning\""), "an older version says so: {html}");
    }
}
