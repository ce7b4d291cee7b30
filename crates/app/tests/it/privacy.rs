//! The consent ledger and "My privacy" (issue 13, item 1): every purpose with its state, the
//! law's purposes shown but never a choice, a change appended to the ledger (which the database
//! keeps append-only) and in force on the very next check, on the page (no JavaScript, Urdu) and
//! in the API.

use psk_domain::consent::Purpose;
use reqwest::Method;
use serde_json::{Value, json};
use softskills::privacy::consent::holds;
use uuid::Uuid;

use crate::on_both;

async fn privacy(app: &crate::harness::TestApp, token: &str) -> Value {
    let res = app.get_api("/api/v1/me/privacy", Some(token)).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn purpose<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["purpose"] == key)
        .unwrap()
}

on_both! {
    async fn a_consent_is_a_ledger_entry_in_force_at_once(app) {
        let t = app.trainee(620).await;
        let tok = Some(t.token.as_str());
        let uid: Uuid = t.user_id.parse().unwrap();
        let v = privacy(&app, &t.token).await;
        assert_eq!(v["purposes"].as_array().unwrap().len(), Purpose::ALL.len());
        assert_eq!(purpose(&v, "training")["basis"], "law");
        assert_eq!(purpose(&v, "protector_check")["basis"], "law");
        assert_eq!(purpose(&v, "protector_check")["in_effect"], true);
        assert_eq!(purpose(&v, "share_with_employers")["basis"], "choice");
        assert_eq!(purpose(&v, "share_with_employers")["in_effect"], false);
        assert_eq!(purpose(&v, "research")["in_effect"], true, "given at registration");
        assert!(purpose(&v, "share_with_employers")["title"].as_str().unwrap().contains("Employers"));
        let ledger = v["ledger"].as_array().unwrap();
        assert_eq!(ledger.len(), 4, "the registration form's four answers: {v}");
        assert!(ledger.iter().all(|e| e["channel"] == "registration"));

        // Given, then withdrawn: each in force on the next check, each a new ledger entry.
        let give = json!({ "granted": true });
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(give.clone()), tok, &[]).await.status(), 204);
        assert!(holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());
        // The same answer again records nothing new.
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(give), tok, &[]).await.status(), 204);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(json!({ "granted": false })), tok, &[]).await.status(), 204);
        assert!(!holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());
        let v = privacy(&app, &t.token).await;
        let ledger = v["ledger"].as_array().unwrap();
        assert_eq!(ledger.len(), 6, "{v}");
        assert_eq!(ledger[5]["purpose"], "share_with_employers");
        assert_eq!(ledger[5]["granted"], false);
        assert_eq!(ledger[5]["channel"], "api");
        assert_eq!(ledger[4]["granted"], true);
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"consent.given".to_owned()) && actions.contains(&"consent.withdrawn".to_owned()));

        // The law's purposes are no choice; an unknown purpose is not found; a bad body is named.
        let law = app.request(Method::PUT, "/api/v1/me/consents/protector_check", Some(json!({ "granted": false })), tok, &[]).await;
        assert_eq!(law.status(), 422);
        let law: Value = law.json().await.unwrap();
        assert_eq!(law["errors"][0]["code"], "consent_required_by_law", "{law}");
        let law_ur = app.request(Method::PUT, "/api/v1/me/consents/training", Some(json!({ "granted": false })), tok, &[("accept-language", "ur")]).await;
        let law_ur: Value = law_ur.json().await.unwrap();
        assert!(law_ur["errors"][0]["message"].as_str().unwrap().contains("قانوناً لازمی"), "{law_ur}");
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/marketing", Some(json!({ "granted": true })), tok, &[]).await.status(), 404);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/news", Some(json!({ "granted": "yes" })), tok, &[]).await.status(), 400);
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/news", Some(json!({ "granted": true })), None, &[]).await.status(), 401);
        assert!(holds(app.state.db.ex(), uid, Purpose::Training).await.unwrap());
        assert_eq!(app.count("consent_ledger").await, 6, "refusals change nothing");

        // The download holds the ledger; another worker sees only their own.
        let export: Value = app.get_api("/api/v1/me/export", tok).await.json().await.unwrap();
        assert_eq!(export["consent_ledger"].as_array().unwrap().len(), 6);
        let other = app.trainee(621).await;
        assert_eq!(privacy(&app, &other.token).await["ledger"].as_array().unwrap().len(), 4);

        // Consent given under older wording no longer holds, and the worker is asked again.
        app.request(Method::PUT, "/api/v1/me/consents/job_alerts", Some(json!({ "granted": true })), tok, &[]).await;
        assert!(holds(app.state.db.ex(), uid, Purpose::JobAlerts).await.unwrap());
        psk_store::run!(app.state.db.ex(), |e| sqlx::query("UPDATE consents SET purpose_version = 0 WHERE purpose = 'job_alerts'").execute(e).await.map(|_| ())).unwrap();
        assert!(!holds(app.state.db.ex(), uid, Purpose::JobAlerts).await.unwrap());
        let v = privacy(&app, &t.token).await;
        assert_eq!(purpose(&v, "job_alerts")["ask_again"], true);
        assert_eq!(purpose(&v, "job_alerts")["in_effect"], false);

        // The ledger itself can be neither changed nor emptied.
        let n = app.count("consent_ledger").await;
        let update = psk_store::run!(app.state.db.ex(), |e| sqlx::query("UPDATE consent_ledger SET granted = NOT granted").execute(e).await.map(|_| ()));
        assert!(update.is_err(), "UPDATE must be refused");
        let delete = psk_store::run!(app.state.db.ex(), |e| sqlx::query("DELETE FROM consent_ledger").execute(e).await.map(|_| ()));
        assert!(delete.is_err(), "DELETE must be refused");
        assert_eq!(app.count("consent_ledger").await, n);
    }

    async fn my_privacy_page_in_urdu_without_javascript(app) {
        let t = app.trainee(622).await;
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/my-data/privacy").await;
        assert_eq!(status, 200);
        assert!(html.contains("میری پرائیویسی") && html.contains("مالکان اور لائسنس یافتہ پروموٹر آپ کو ڈھونڈ سکتے ہیں"), "{html}");
        assert!(html.contains("قانوناً لازمی") && !html.contains("/my-data/privacy/protector_check"), "the law's purposes have no button");
        assert!(html.contains("رجسٹریشن فارم"), "the history names the channel");
        let csrf = crate::util::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();

        // Without the anti-forgery token nothing changes.
        let (status, _, _) = app.post_form("/my-data/privacy/share_with_employers", &[("granted", "yes")]).await;
        assert_eq!(status, 403);
        let (status, headers, _) = app.post_form("/my-data/privacy/share_with_employers", &[("_csrf", &csrf), ("granted", "yes")]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/my-data/privacy?saved=share_with_employers#share_with_employers");
        let (_, _, html) = app.get_page("/my-data/privacy?saved=share_with_employers").await;
        assert!(html.contains("محفوظ ہو گیا") && html.contains("آپ نے یہ اجازت دی ہوئی ہے"), "{html}");
        assert!(html.contains("ویب سائٹ"));

        // The law's purposes and a garbled choice are refused with the reason, in Urdu.
        let (status, _, html) = app.post_form("/my-data/privacy/training", &[("_csrf", &csrf), ("granted", "no")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("قانوناً لازمی"), "{html}");
        let (status, _, _) = app.post_form("/my-data/privacy/news", &[("_csrf", &csrf), ("granted", "perhaps")]).await;
        assert_eq!(status, 422);
        let (status, _, _) = app.post_form("/my-data/privacy/marketing", &[("_csrf", &csrf), ("granted", "yes")]).await;
        assert_eq!(status, 404);
        assert_eq!(app.count("consent_ledger").await, 5);
    }
}
