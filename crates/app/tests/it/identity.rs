//! Identity over time (issue 13, item 9): a renewed passport (the protector's look-up finds the
//! worker with the new one, and with the old one saying it was replaced), a mobile change by the
//! worker (password, then a code to the new number) and by a support agent (CNIC checked,
//! evidence, reason), every refusal changing nothing, the evidence encrypted at rest.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::exam::certified;
use crate::harness::error_codes;
use crate::learning::with_course;
use crate::on_both;
use crate::protector::officer;

/// A small JPEG-looking photo (the first bytes are what makes it one).
fn photo() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'];
    b.extend(std::iter::repeat_n(0x5Au8, 4000));
    b
}

async fn lookup(app: &crate::harness::TestApp, token: &str, cnic: &str, passport: &str) -> Value {
    let res = app
        .post_api(
            "/api/v1/protector/lookups",
            json!({ "cnic": cnic, "passport_number": passport }),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

on_both! {
    async fn a_renewed_passport_is_found_new_and_old(app) {
        let course = with_course(&app).await;
        let (t, _, _) = certified(&app, &course, 640).await;
        let other = app.trainee(641).await;
        let tok = Some(t.token.as_str());
        let renew = |number: &'static str, file: Option<Vec<u8>>| {
            let app = &app;
            async move {
                app.upload_api("/api/v1/me/passport", &[("passport_number", number), ("passport_expiry", "2036-02-01")], file.map(|f| ("photo", f)), tok).await
            }
        };

        // Refusals name the problem and change nothing.
        let res = renew("CD7654321", None).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["evidence_required"]);
        let res = renew("CD7654321", Some(b"MZ\x90\0 not a photo".to_vec())).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["evidence_type"]);
        let res = app.upload_api("/api/v1/me/passport", &[("passport_number", "C7"), ("passport_expiry", "2020-01-01")], Some(("photo", photo())), tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["passport_format", "passport_expired"]);
        let same: &'static str = Box::leak(t.passport.clone().into_boxed_str());
        let res = renew(same, Some(photo())).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["passport_same"]);
        let theirs: &'static str = Box::leak(other.passport.clone().into_boxed_str());
        let res = renew(theirs, Some(photo())).await;
        let body: Value = res.json().await.unwrap();
        assert_eq!(error_codes(&body), ["passport_unusable"]);
        assert!(!body.to_string().contains("registered"), "it does not say whose it is: {body}");
        let huge = vec![0xFFu8; 6 << 20];
        let res = renew("CD7654321", Some(huge)).await;
        assert_eq!(res.status(), 413);
        // The body was not read to its end: the client is told not to reuse the connection.
        assert_eq!(res.headers()["connection"], "close");
        assert_eq!(app.count("passport_history").await, 0);
        assert_eq!(app.count("evidence").await, 0);

        // Renewed: the new passport is the account's; the old one is history.
        assert_eq!(renew("CD7654321", Some(photo())).await.status(), 204);
        let me: Value = app.get_api("/api/v1/me", tok).await.json().await.unwrap();
        assert_eq!(me["passport_number"], "CD7654321");
        assert_eq!(me["passport_expiry"], "2036-02-01");
        assert_eq!(app.count("passport_history").await, 1);
        assert!(app.audit_actions().await.contains(&"identity.passport_renewed".to_owned()));

        // The officer finds the worker with the new passport, and with the old one, told it was replaced.
        let o = officer(&app, 12, "LHR").await;
        let new = lookup(&app, &o.token, &t.cnic, "CD7654321").await;
        assert_eq!(new["passport_matches"], true);
        assert_eq!(new["certificate"]["status"], "valid");
        assert!(new["passport_replaced_at"].is_null());
        let old = lookup(&app, &o.token, &t.cnic, &t.passport).await;
        assert_eq!(old["passport_matches"], false);
        assert!(old["passport_replaced_at"].is_string(), "{old}");
        assert_eq!(old["full_name"], t.name);
        let stranger = lookup(&app, &o.token, &t.cnic, "ZZ9999999").await;
        assert!(stranger["full_name"].is_null() && stranger["passport_replaced_at"].is_null());

        // The photo is kept encrypted, and opens again whole.
        let row = psk_store::identity::evidence_for(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap().remove(0);
        assert_eq!(row.content_type, "image/jpeg");
        let raw = std::fs::read(app.dir.join("media").join(&row.object_key)).unwrap();
        assert!(!raw.windows(4).any(|w| w == b"JFIF"), "stored encrypted");
        let (_, plain) = softskills::identity::evidence::open(&app.state, row.user_id, row.id).await.unwrap();
        assert_eq!(plain, photo());
        // Someone else's evidence is not found.
        assert!(softskills::identity::evidence::open(&app.state, other.user_id.parse().unwrap(), row.id).await.is_err());

        // The worker's page lists the earlier passport, in Urdu.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/my-data/identity").await;
        assert_eq!(status, 200);
        // The web form names a wrong file in Urdu and changes nothing.
        let csrf = crate::util::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, page) = app.post_multipart("/my-data/identity/passport", &[("_csrf", &csrf), ("passport_number", "EF1122334"), ("passport_expiry", "2036-02-01")], Some(("photo", b"GIF89a".to_vec()))).await;
        assert_eq!(status, 422);
        assert!(page.contains("یہ فائل تصویر یا PDF نہیں"), "{page}");
        let (status, _, _) = app.post_multipart("/my-data/identity/passport", &[("passport_number", "EF1122334"), ("passport_expiry", "2036-02-01")], Some(("photo", photo()))).await;
        assert_eq!(status, 403, "no anti-forgery token, no upload");
        assert_eq!(app.count("passport_history").await, 1);
        assert!(html.contains("پرانے پاسپورٹ") && html.contains(&t.passport) && html.contains("CD7654321"), "{html}");
        // The officer's page says the old passport was replaced.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &o.mobile), ("password", &o.password)]).await;
        let csrf = app.csrf("/protector").await;
        let (_, _, html) = app.post_form("/protector", &[("_csrf", &csrf), ("cnic", &t.cnic), ("passport_number", &t.passport)]).await;
        assert!(html.contains("نئے پاسپورٹ سے بدل دیا گیا") || html.contains("replaced by a renewed one"), "{html}");
        assert!(!html.contains("action=\"/protector/stamp\""), "no stamp on a replaced passport");
    }

    async fn a_worker_changes_their_mobile_with_password_and_code(app) {
        let t = app.trainee(642).await;
        let other = app.trainee(643).await;
        let tok = Some(t.token.as_str());
        let new_mobile = "0333 7654321";
        let new_e164 = "+923337654321";
        let res = app.post_api("/api/v1/me/mobile-changes", json!({ "mobile": new_mobile, "password": "not my password" }), tok).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["password_incorrect"]);
        let res = app.post_api("/api/v1/me/mobile-changes", json!({ "mobile": t.mobile, "password": t.password }), tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["mobile_same"]);
        let res = app.post_api("/api/v1/me/mobile-changes", json!({ "mobile": "12", "password": t.password }), tok).await;
        assert_eq!(res.status(), 422);
        assert_eq!(app.count("mobile_changes").await, 0);

        let res = app.post_api("/api/v1/me/mobile-changes", json!({ "mobile": new_mobile, "password": t.password }), tok).await;
        assert_eq!(res.status(), 202);
        let started: Value = res.json().await.unwrap();
        assert_eq!(started["sent_to"], "0333 ****321");
        let id = started["change_id"].as_str().unwrap().to_owned();
        let code = app.next_code(new_e164).await;
        let confirm = format!("/api/v1/me/mobile-changes/{id}/confirm");
        // Not someone else's change; not a wrong code.
        assert_eq!(app.post_api(&confirm, json!({ "code": code }), Some(&other.token)).await.status(), 404);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(app.post_api(&confirm, json!({ "code": wrong }), tok).await.status(), 422);
        let me: Value = app.get_api("/api/v1/me", tok).await.json().await.unwrap();
        assert_eq!(me["mobile"], format!("{} {}", &t.mobile[..4], &t.mobile[4..]), "unchanged until the code");

        assert_eq!(app.post_api(&confirm, json!({ "code": code }), tok).await.status(), 204);
        assert_eq!(app.post_api(&confirm, json!({ "code": code }), tok).await.status(), 404, "used once");
        let me: Value = app.get_api("/api/v1/me", tok).await.json().await.unwrap();
        assert_eq!(me["mobile"], new_mobile);
        assert_eq!(app.count("mobile_history").await, 1);
        // Both numbers are told.
        assert!(app.next_message("sms", &t.mobile_e164).await["text"].as_str().unwrap().contains("changed"));
        assert!(app.next_message("sms", new_e164).await["text"].as_str().unwrap().contains("changed"));
        // Sign-in by mobile follows the new number.
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": new_mobile, "password": t.password }), None).await;
        assert_eq!(res.status(), 201);
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.mobile, "password": t.password }), None).await;
        assert_eq!(res.status(), 401);
        assert!(app.audit_actions().await.contains(&"identity.mobile_changed".to_owned()));
    }

    async fn support_changes_a_lost_sim_after_checking_the_person(app) {
        let t = app.trainee(644).await;
        let agent = app.staff("support_agent", 45).await;
        let path = format!("/api/v1/support/users/{}/mobile", t.user_id);
        let new_mobile = "0345 1112223";
        let fields = |cnic: &'static str, reason: &'static str| vec![("mobile", new_mobile), ("cnic", cnic), ("reason", reason)];
        let cnic: &'static str = Box::leak(t.cnic.clone().into_boxed_str());
        let reason = "SIM lost; CNIC original seen at the Lahore OEC office";

        // The worker cannot use the support path; the agent must give evidence, the right CNIC, a reason.
        assert_eq!(app.upload_api(&path, &fields(cnic, reason), Some(("evidence", photo())), Some(&t.token)).await.status(), 403);
        let res = app.upload_api(&path, &fields(cnic, reason), None, Some(&agent.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["evidence_required"]);
        let res = app.upload_api(&path, &fields("35202-9999999-1", reason), Some(("evidence", photo())), Some(&agent.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["cnic_mismatch"]);
        let res = app.upload_api(&path, &fields(cnic, ""), Some(("evidence", photo())), Some(&agent.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"]);
        let nobody = format!("/api/v1/support/users/{}/mobile", Uuid::new_v4());
        assert_eq!(app.upload_api(&nobody, &fields(cnic, reason), Some(("evidence", photo())), Some(&agent.token)).await.status(), 404);
        assert_eq!(app.count("mobile_history").await, 0);
        assert_eq!(app.count("evidence").await, 0);

        assert_eq!(app.upload_api(&path, &fields(cnic, reason), Some(("evidence", photo())), Some(&agent.token)).await.status(), 204);
        let me: Value = app.get_api("/api/v1/me", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(me["mobile"], new_mobile);
        let history = psk_store::identity::mobile_history(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].changed_by.to_string(), agent.user_id);
        assert!(history[0].evidence_id.is_some());
        // Audited with the agent as actor; the worker sees it in "who accessed my data".
        let log: Value = app.get_api("/api/v1/me/access-log", Some(&t.token)).await.json().await.unwrap();
        assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "identity.mobile_changed" && e["by_role"] == "support_agent"), "{log}");
        assert!(!log.to_string().contains(&agent.name));
        // The old and new numbers are told.
        assert!(app.next_message("sms", &t.mobile_e164).await["text"].as_str().unwrap().contains("changed"));
        assert!(app.next_message("sms", "+923451112223").await["text"].as_str().unwrap().contains("changed"));
        let _ = Method::GET;
    }
}
