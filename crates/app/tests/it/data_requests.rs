//! Requests about my data (issue 13, item 4): a correction with its evidence, checked by an
//! administrator, applied and (for a name on a valid certificate) reissuing the certificate;
//! access and withdrawal of every consent done at once; each with a number, a deadline and a
//! history the worker sees; nobody else's to see.

use psk_domain::consent::Purpose;
use reqwest::Method;
use serde_json::{Value, json};

use crate::exam::certified;
use crate::harness::error_codes;
use crate::learning::with_course;
use crate::on_both;

/// A document as evidence (a PDF by its content).
pub fn photo() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend(std::iter::repeat_n(b'x', 2000));
    b
}

on_both! {
    async fn a_name_correction_is_checked_then_reissues_the_certificate(app) {
        let course = with_course(&app).await;
        let (t, number, _) = certified(&app, &course, 700).await;
        let other = app.trainee(701).await;
        let agent = app.staff("support_agent", 52).await;
        let admin = app.staff("administrator", 53).await;
        let tok = Some(t.token.as_str());
        let path = "/api/v1/me/data-requests";

        // Every problem is named; nothing is stored.
        let res = app.upload_api(path, &[("kind", "")], None, tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["choose_option"]);
        let res = app.upload_api(path, &[("kind", "correction"), ("field", "full_name"), ("value", "Muhammad Asif Khan")], None, tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["evidence_required"]);
        let res = app.upload_api(path, &[("kind", "correction"), ("field", "salary"), ("value", "x")], Some(("evidence", photo())), tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["choose_option"]);
        let res = app.upload_api(path, &[("kind", "correction"), ("field", "date_of_birth"), ("value", "2030-01-01")], Some(("evidence", photo())), tok).await;
        assert_eq!(res.status(), 422);
        assert_eq!(app.count("data_requests").await, 0);

        let res = app.upload_api(path, &[("kind", "correction"), ("field", "full_name"), ("value", "Muhammad Asif Khan")], Some(("evidence", photo())), tok).await;
        assert_eq!(res.status(), 201);
        let r: Value = res.json().await.unwrap();
        assert_eq!(r["status"], "received");
        assert!(r["number"].as_str().unwrap().starts_with("DR-"));
        assert!(r.get("value").is_none(), "the worker's own view does not echo the value");
        let id = r["id"].as_str().unwrap().to_owned();
        assert_eq!(app.get_api(&format!("{path}/{id}"), Some(&other.token)).await.status(), 404);

        // Support sees it to handle, with the value; only an administrator decides.
        let open: Value = app.get_api("/api/v1/support/data-requests", Some(&agent.token)).await.json().await.unwrap();
        assert_eq!(open.as_array().unwrap().len(), 1);
        assert_eq!(open[0]["value"], "Muhammad Asif Khan");
        assert_eq!(app.get_api("/api/v1/support/data-requests", tok).await.status(), 403);
        let decision = format!("/api/v1/support/data-requests/{id}/decision");
        assert_eq!(app.post_api(&decision, json!({ "approve": true }), Some(&agent.token)).await.status(), 403);
        let res = app.post_api(&decision, json!({ "approve": false }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"], "a refusal needs its reason");
        assert_eq!(app.post_api(&decision, json!({ "approve": true, "note": "CNIC copy checked" }), Some(&admin.token)).await.status(), 204);
        assert_eq!(app.post_api(&decision, json!({ "approve": true }), Some(&admin.token)).await.status(), 410, "decided once");

        // The worker sees the steps; the name is corrected and the certificate reissued.
        let mine: Value = app.get_api(&format!("{path}/{id}"), tok).await.json().await.unwrap();
        assert_eq!(mine["status"], "done");
        let steps = mine["history"].as_array().unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1]["by_staff"], true);
        let me: Value = app.get_api("/api/v1/me", tok).await.json().await.unwrap();
        assert_eq!(me["full_name"], "Muhammad Asif Khan");
        let certs = psk_store::certificates::for_user(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap();
        let old = certs.iter().find(|c| c.number == number).unwrap();
        assert_eq!(old.status, "superseded");
        let new = certs.iter().find(|c| c.status == "valid").unwrap();
        assert_eq!(new.full_name, "Muhammad Asif Khan");
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"data_request.done".to_owned()) && actions.contains(&"certificate.reissued".to_owned()));
        let log: Value = app.get_api("/api/v1/me/access-log", tok).await.json().await.unwrap();
        assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "data_request.done" && e["by_role"] == "administrator"), "{log}");

        // The download holds everything: course records, the test with its answers, both
        // certificates, the request, the file given; and nothing of another worker.
        let export: Value = app.get_api("/api/v1/me/export", tok).await.json().await.unwrap();
        let rec = &export["records"];
        assert_eq!(rec["certificates"].as_array().unwrap().len(), 2);
        assert!(!rec["test_attempts"][0]["answers"].as_array().unwrap().is_empty());
        assert!(!rec["lessons"].as_array().unwrap().is_empty());
        assert_eq!(rec["data_requests"].as_array().unwrap().len(), 1);
        assert_eq!(rec["files"][0]["purpose"], "correction");
        assert!(!export.to_string().contains(&other.name) && !export.to_string().contains(&admin.name));
    }

    async fn a_cnic_correction_reissues_the_certificate_with_its_last_digits(app) {
        let course = with_course(&app).await;
        let (t, number, _) = certified(&app, &course, 704).await;
        let admin = app.staff("administrator", 64).await;
        let tok = Some(t.token.as_str());
        let right = "35202-7654321-8";
        let res = app.upload_api("/api/v1/me/data-requests", &[("kind", "correction"), ("field", "cnic"), ("value", right)], Some(("evidence", photo())), tok).await;
        assert_eq!(res.status(), 201);
        let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let decision = format!("/api/v1/support/data-requests/{id}/decision");
        assert_eq!(app.post_api(&decision, json!({ "approve": true, "note": "NADRA record checked" }), Some(&admin.token)).await.status(), 204);
        // One change: the CNIC is corrected and the certificate reissued with its last digits.
        let certs = psk_store::certificates::for_user(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap();
        assert_eq!(certs.iter().find(|c| c.number == number).unwrap().status, "superseded");
        let new = certs.iter().find(|c| c.status == "valid").unwrap();
        assert_eq!(new.cnic_last4, "3218");
        let status: Value = app.get_api(&format!("/api/v1/certificates/{}", new.number), None).await.json().await.unwrap();
        assert_eq!(status["status"], "valid", "{status}");
        assert_eq!(app.post_api("/api/v1/sessions", json!({ "identifier": right, "password": t.password }), None).await.status(), 201);
        assert_eq!(app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": t.password }), None).await.status(), 401);
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"certificate.reissued".to_owned()) && actions.contains(&"data_request.done".to_owned()));
        let notices: Value = app.get_api("/api/v1/me/notices", tok).await.json().await.unwrap();
        let kinds: Vec<&str> = notices["notices"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert!(kinds.contains(&"certificate_reissued") && kinds.contains(&"data_request_done"), "{kinds:?}");
    }

    async fn access_and_withdrawal_are_done_at_once(app) {
        let t = app.trainee(702).await;
        let admin = app.staff("administrator", 54).await;
        let tok = Some(t.token.as_str());
        let uid = t.user_id.parse().unwrap();
        app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(json!({ "granted": true })), tok, &[]).await;
        assert!(softskills::privacy::consent::holds(app.state.db.ex(), uid, Purpose::ShareWithEmployers).await.unwrap());

        let res = app.upload_api("/api/v1/me/data-requests", &[("kind", "withdraw_consents")], None, tok).await;
        assert_eq!(res.status(), 201);
        let r: Value = res.json().await.unwrap();
        assert_eq!(r["status"], "done");
        for p in [Purpose::ShareWithEmployers, Purpose::Research] {
            assert!(!softskills::privacy::consent::holds(app.state.db.ex(), uid, p).await.unwrap(), "{p:?}");
        }
        assert!(softskills::privacy::consent::holds(app.state.db.ex(), uid, Purpose::ProtectorCheck).await.unwrap(), "the law's go on");

        let r: Value = app.upload_api("/api/v1/me/data-requests", &[("kind", "access")], None, tok).await.json().await.unwrap();
        assert_eq!(r["status"], "done");

        // A deletion waits for an administrator, who can refuse it with a reason the worker reads.
        let r: Value = app.upload_api("/api/v1/me/data-requests", &[("kind", "deletion")], None, tok).await.json().await.unwrap();
        assert_eq!(r["status"], "received");
        let id = r["id"].as_str().unwrap();
        let decision = format!("/api/v1/support/data-requests/{id}/decision");
        let res = app.post_api(&decision, json!({ "approve": false, "note": "" }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"]);
        assert_eq!(app.post_api(&decision, json!({ "approve": false, "note": "Your certificate is in use for a departure next week; ask again after it." }), Some(&admin.token)).await.status(), 204);
        let mine: Value = app.get_api(&format!("/api/v1/me/data-requests/{id}"), tok).await.json().await.unwrap();
        assert_eq!(mine["status"], "refused");
        assert!(mine["history"][1]["note"].as_str().unwrap().contains("departure next week"));
        let all: Value = app.get_api("/api/v1/me/data-requests", tok).await.json().await.unwrap();
        assert_eq!(all.as_array().unwrap().len(), 3);
    }

    async fn an_erased_account_is_gone_but_its_certificate_verifies(app) {
        let course = with_course(&app).await;
        let (t, number, _) = certified(&app, &course, 703).await;
        let admin = app.staff("administrator", 55).await;
        let agent = app.staff("support_agent", 56).await;
        let tok = Some(t.token.as_str());
        // A file given before (a help request with a photo) goes too.
        let res = app.upload_api("/api/v1/me/tickets", &[("category", "other"), ("subject", "My details"), ("message", "Please delete my account after I travel.")], Some(("file", photo())), tok).await;
        assert_eq!(res.status(), 201);
        assert!(app.count("notices").await >= 2, "the certificate and the ticket were notices");
        // Found by employers before: skills, consent, a search row.
        let skills = json!({ "skills": "Welding", "languages": ["ar"] });
        assert_eq!(app.request(reqwest::Method::PUT, "/api/v1/me/skills", Some(skills), tok, &[]).await.status(), 204);
        assert_eq!(app.request(reqwest::Method::PUT, "/api/v1/me/consents/share_with_employers", Some(json!({ "granted": true })), tok, &[]).await.status(), 204);
        assert_eq!(app.count("candidates").await, 1);
        let r: Value = app.upload_api("/api/v1/me/data-requests", &[("kind", "deletion")], None, tok).await.json().await.unwrap();
        let id = r["id"].as_str().unwrap();
        let decision = format!("/api/v1/support/data-requests/{id}/decision");
        assert_eq!(app.post_api(&decision, json!({ "approve": true }), Some(&agent.token)).await.status(), 403);
        assert_eq!(app.post_api(&decision, json!({ "approve": true, "note": "Identity checked; certificate kept as the law requires" }), Some(&admin.token)).await.status(), 204);
        let mut told = false;
        for _ in 0..100 {
            told = app.outbox().iter().any(|m| m["to"] == t.mobile_e164.as_str() && m["text"].as_str().is_some_and(|x| x.contains("deleted")));
            if told {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(told, "the worker is told before the number is gone");
        assert_eq!(app.count("notices").await, 0, "the erased worker's notices are gone");
        assert_eq!(app.count("notice_deliveries").await, 0);
        // The search row stays, emptied to the account's id, so every pool reads the removal.
        let kept = "doc <> '' OR occupation IS NOT NULL OR destination IS NOT NULL OR languages <> '' \
            OR certified_on IS NOT NULL OR certified_until IS NOT NULL OR consent_version IS NOT NULL";
        assert_eq!(app.count_where("candidates", kept).await, 0, "no longer searchable");
        assert_eq!(app.count("candidate_skills").await, 0);

        // It cannot sign in, by CNIC or mobile, and its old token is dead.
        for identifier in [&t.cnic, &t.mobile] {
            let res = app.post_api("/api/v1/sessions", json!({ "identifier": identifier, "password": t.password }), None).await;
            assert_eq!(res.status(), 401, "{identifier}");
        }
        assert_eq!(app.get_api("/api/v1/me", tok).await.status(), 401);
        // No look-up finds it, not even by its certificate number.
        for body in [json!({ "cnic": t.cnic, "reason": "audit" }), json!({ "mobile": t.mobile, "reason": "audit" }), json!({ "certificate": number, "reason": "audit" })] {
            let found: Value = app.post_api("/api/v1/support/lookups", body, Some(&agent.token)).await.json().await.unwrap();
            assert!(found.as_array().unwrap().iter().all(|f| f["kind"] != "account"), "{found}");
        }
        // The certificate still verifies as issued; nothing else personal is left.
        let status: Value = app.get_api(&format!("/api/v1/certificates/{number}"), None).await.json().await.unwrap();
        assert_eq!(status["status"], "valid", "{status}");
        let uid: uuid::Uuid = t.user_id.parse().unwrap();
        let user = psk_store::users::find(app.state.db.ex(), uid).await.unwrap().unwrap();
        assert!(user.erased_at.is_some() && user.full_name.is_empty() && user.cnic_enc.is_none() && user.passport_enc.is_none() && user.dob_enc.is_none() && user.email.is_none());
        assert!(psk_store::identity::evidence_for(app.state.db.ex(), uid).await.unwrap().is_empty());
        assert!(std::fs::read_dir(app.dir.join("media").join("evidence").join(uid.simple().to_string())).map(|d| d.count()).unwrap_or(0) == 0, "the file left the store");
        assert_eq!(psk_store::certificates::for_user(app.state.db.ex(), uid).await.unwrap().len(), 1, "the certificate is kept");
        for p in [Purpose::ShareWithEmployers, Purpose::Research] {
            assert!(!softskills::privacy::consent::holds(app.state.db.ex(), uid, p).await.unwrap());
        }
        let ledger = psk_store::consents::ledger(app.state.db.ex(), uid).await.unwrap();
        assert!(ledger.iter().any(|e| e.channel == "staff" && !e.granted), "the erasure's withdrawals are OEC staff's, at the worker's request");
        assert!(app.audit_actions().await.contains(&"account.erased".to_owned()));
    }
}
