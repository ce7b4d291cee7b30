//! Support staff tools (issue 13, item 8): a look-up needs a reason and is audited against each
//! worker found; the journey shows the way through the service with nothing secret; unlocking
//! sign-in, resending a registration code and starting a password reset go through audited
//! paths; a worker cannot use any of it.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::exam::certified;
use crate::harness::Trainee;
use crate::harness::error_codes;
use crate::learning::with_course;
use crate::on_both;

on_both! {
    async fn a_look_up_needs_a_reason_and_is_seen_by_the_worker(app) {
        let course = with_course(&app).await;
        let (t, number, _) = certified(&app, &course, 660).await;
        let agent = app.staff("support_agent", 46).await;
        let tok = Some(agent.token.as_str());
        let reason = "caller says the protector cannot find the certificate";
        let find = |body: Value| {
            let app = &app;
            async move { app.post_api("/api/v1/support/lookups", body, tok).await }
        };

        // A worker cannot look anyone up; every look-up needs one identifier and a reason.
        assert_eq!(app.post_api("/api/v1/support/lookups", json!({ "cnic": t.cnic, "reason": reason }), Some(&t.token)).await.status(), 403);
        let res = find(json!({ "cnic": t.cnic })).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"]);
        let res = find(json!({ "cnic": t.cnic, "mobile": t.mobile, "reason": reason })).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["one_identifier"]);
        let res = find(json!({ "reason": reason })).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["one_identifier"]);
        let res = find(json!({ "certificate": "not a number", "reason": reason })).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["certificate_number"]);
        assert!(!app.audit_actions().await.contains(&"support.lookup".to_owned()), "a refused look-up is no look-up");

        for body in [json!({ "cnic": t.cnic, "reason": reason }), json!({ "mobile": t.mobile, "reason": reason }), json!({ "certificate": number, "reason": reason })] {
            let res = find(body).await;
            assert_eq!(res.status(), 200);
            let found: Value = res.json().await.unwrap();
            assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
            assert_eq!(found[0]["kind"], "account");
            assert_eq!(found[0]["id"], t.user_id);
        }
        // A registration waiting for its code is found by its mobile number.
        let waiting = Trainee::numbered(661);
        assert_eq!(app.post_api("/api/v1/registrations", waiting.registration(), None).await.status(), 202);
        let found: Value = find(json!({ "mobile": waiting.mobile, "reason": reason })).await.json().await.unwrap();
        assert_eq!(found[0]["kind"], "pending_registration", "{found}");
        let pending_id = found[0]["id"].as_str().unwrap().to_owned();

        // The journey: with a reason only; nothing secret in it.
        let journey = format!("/api/v1/support/users/{}/journey", t.user_id);
        assert_eq!(app.get_api(&journey, tok).await.status(), 422);
        let res = app.get_api(&format!("{journey}?reason=caller%20asked"), tok).await;
        assert_eq!(res.status(), 200);
        let j: Value = res.json().await.unwrap();
        assert_eq!(j["certificates"][0]["status"], "valid");
        assert_eq!(j["attempts"][0]["passed"], true);
        assert!(j["cnic_masked"].as_str().unwrap().starts_with("*****-"));
        assert!(j["consents_in_effect"].as_array().unwrap().iter().any(|p| p == "protector_check"));
        let text = j.to_string();
        let digits: String = t.cnic.chars().filter(char::is_ascii_digit).collect();
        assert!(!text.contains(&digits) && !text.contains(&t.cnic) && !text.contains("argon2") && !text.contains(&t.mobile), "{text}");
        // Staff accounts and unknown ids are not workers' journeys.
        assert_eq!(app.get_api(&format!("/api/v1/support/users/{}/journey?reason=x", agent.user_id), tok).await.status(), 404);
        assert_eq!(app.get_api(&format!("/api/v1/support/users/{}/journey?reason=x", Uuid::new_v4()), tok).await.status(), 404);

        // The agent resends the waiting registration's code; never sees it.
        let _ = app.next_code(&waiting.mobile_e164).await;
        // The usual wait between codes applies to the agent too.
        let resend = format!("/api/v1/support/registrations/{pending_id}/resend");
        assert_eq!(app.post_api(&resend, json!({ "reason": "caller got no SMS" }), tok).await.status(), 429);
        app.advance(app.state.config.otp.resend_interval_seconds + 1);
        let res = app.post_api(&resend, json!({ "reason": "caller got no SMS" }), tok).await;
        assert_eq!(res.status(), 204);
        assert_eq!(res.text().await.unwrap(), "");
        let code = app.next_code(&waiting.mobile_e164).await;
        assert_eq!(code.len(), 6);

        // The worker sees the look-ups and the reads, with the role and never the agent's name.
        let log: Value = app.get_api("/api/v1/me/access-log", Some(&t.token)).await.json().await.unwrap();
        let actions: Vec<&str> = log.as_array().unwrap().iter().filter(|e| e["by_role"] == "support_agent").map(|e| e["action"].as_str().unwrap()).collect();
        assert!(actions.contains(&"support.lookup") && actions.contains(&"support.journey_read"), "{log}");
        assert!(!log.to_string().contains(&agent.name));
    }

    async fn an_agent_unlocks_sign_in(app) {
        app.start_of_hour();
        let t = app.trainee(662).await;
        let agent = app.staff("support_agent", 47).await;
        for _ in 0..5 {
            let res = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "a wrong guess here" }), None).await;
            assert_eq!(res.status(), 401);
        }
        let sign_in = || app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None);
        assert_eq!(sign_in().await.status(), 429, "locked");
        let unlock = format!("/api/v1/support/users/{}/unlock", t.user_id);
        assert_eq!(app.post_api(&unlock, json!({ "reason": "worker called, identity checked" }), Some(&t.token)).await.status(), 403);
        assert_eq!(app.post_api(&unlock, json!({ "reason": "" }), Some(&agent.token)).await.status(), 422);
        assert_eq!(sign_in().await.status(), 429, "a refused unlock changes nothing");
        assert_eq!(app.post_api(&unlock, json!({ "reason": "worker called, identity checked" }), Some(&agent.token)).await.status(), 204);
        assert_eq!(sign_in().await.status(), 201);
        let j: Value = app.get_api(&format!("/api/v1/support/users/{}/journey?reason=follow-up", t.user_id), Some(&agent.token)).await.json().await.unwrap();
        assert!(j["last_sign_in_lock"].is_string(), "{j}");
        assert!(app.audit_actions().await.contains(&"support.sign_in_unlocked".to_owned()));
    }

    async fn an_agent_starts_a_password_reset_the_worker_finishes(app) {
        app.start_of_hour();
        let t = app.trainee(664).await;
        let agent = app.staff("support_agent", 63).await;
        app.advance(61); // past the resend interval of the registration code
        let reset = format!("/api/v1/support/users/{}/password-reset", t.user_id);
        assert_eq!(app.post_api(&reset, json!({ "reason": "lost password, identity checked on the phone" }), Some(&t.token)).await.status(), 403);
        assert_eq!(app.post_api(&reset, json!({ "reason": " " }), Some(&agent.token)).await.status(), 422);
        assert_eq!(app.post_api(&format!("/api/v1/support/users/{}/password-reset", agent.user_id), json!({ "reason": "x" }), Some(&agent.token)).await.status(), 404, "only a worker's account");
        let res = app.post_api(&reset, json!({ "reason": "lost password, identity checked on the phone" }), Some(&agent.token)).await;
        assert_eq!(res.status(), 202);
        let body = res.text().await.unwrap();
        let code = app.next_code(&t.mobile_e164).await;
        assert!(!body.contains(&code), "the agent never sees the code: {body}");
        assert!(body.contains("****"), "{body}");

        // The worker finishes with their CNIC, the code and a new password; a wrong code or an
        // unknown CNIC answers alike and changes nothing.
        let finish = |identifier: &str, code: &str| app.post_api("/api/v1/password-resets/complete", json!({ "identifier": identifier, "code": code, "password": "nayi subah lahore 2027" }), None);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(finish(&t.cnic, wrong).await.status(), 422);
        assert_eq!(finish("99999-9999999-9", &code).await.status(), 410);
        let weak = app.post_api("/api/v1/password-resets/complete", json!({ "identifier": t.cnic, "code": code, "password": "short" }), None).await;
        assert_eq!(weak.status(), 422);
        assert_eq!(finish(&t.cnic, &code).await.status(), 204);
        assert_eq!(finish(&t.cnic, &code).await.status(), 410, "a code works once");
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 401, "every session ended");
        let old = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await;
        assert_eq!(old.status(), 401);
        let new = app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "nayi subah lahore 2027" }), None).await;
        assert_eq!(new.status(), 201);
        let token = new.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
        // Audited, with the reason; the worker sees it in "who accessed my data".
        assert!(app.audit_actions().await.contains(&"support.password_reset_started".to_owned()));
        let log: Value = app.get_api("/api/v1/me/access-log", Some(&token)).await.json().await.unwrap();
        let entry = log.as_array().unwrap().iter().find(|e| e["action"] == "support.password_reset_started").cloned();
        assert_eq!(entry.map(|e| e["by_role"].clone()), Some(json!("support_agent")), "{log}");
    }

    async fn the_support_desk_in_the_browser(app) {
        let t = app.trainee(663).await;
        let agent = app.staff("support_agent", 48).await;
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &agent.mobile), ("password", &agent.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/support").await;
        assert_eq!(status, 200);
        assert!(html.contains("سپورٹ ڈیسک"));
        let csrf = crate::util::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_form("/support", &[("_csrf", &csrf), ("cnic", &t.cnic), ("reason", "")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"reason-error\""), "{html}");
        let (status, _, html) = app.post_form("/support", &[("_csrf", &csrf), ("cnic", &t.cnic), ("reason", "caller asked about the test")]).await;
        assert_eq!(status, 200);
        let link = crate::util::extract_between(&html, "href=\"/support/users/", "\"").unwrap().replace("&amp;", "&");
        let (status, _, html) = app.get_page(&format!("/support/users/{link}")).await;
        assert_eq!(status, 200);
        assert!(html.contains(&t.name) && html.contains("*****-"), "{html}");
        assert!(!html.contains(&t.cnic));
        let (status, headers, _) = app.post_form(&format!("/support/users/{}/unlock", t.user_id), &[("_csrf", &csrf), ("reason", "identity checked by phone"), ("lookup_reason", "caller asked about the test")]).await;
        assert_eq!(status, 303);
        assert!(headers["location"].to_str().unwrap().contains("notice=unlocked"));
        // A trainee has no support desk.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let (status, _, _) = app.get_page("/support").await;
        assert_eq!(status, 403);
    }
}
