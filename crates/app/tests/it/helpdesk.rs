//! The help desk (issue 13, item 7): a worker opens a ticket with a file, gets its number by SMS,
//! sees support's replies (never internal notes) in their language; nobody else's tickets are
//! theirs to see; the staff queue with its filters, canned replies, statuses; escalation of a
//! ticket left unanswered; the pages work without JavaScript.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::error_codes;
use crate::on_both;

fn photo() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0];
    b.extend(std::iter::repeat_n(0x33u8, 3000));
    b
}

on_both! {
    async fn a_ticket_from_the_worker_to_support_and_back(app) {
        let t = app.trainee(680).await;
        let other = app.trainee(681).await;
        let agent = app.staff("support_agent", 49).await;
        let tok = Some(t.token.as_str());
        let fields = [("category", "certificate"), ("subject", "Protector cannot find my certificate"), ("message", "At the Lahore office they said my certificate is not found.")];

        // Every problem is named; nothing is stored.
        let res = app.upload_api("/api/v1/me/tickets", &[("category", "lottery")], None, tok).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["choose_option", "required", "required"]);
        let res = app.upload_api("/api/v1/me/tickets", &fields, Some(("file", b"<svg/>".to_vec())), tok).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["evidence_type"]);
        assert_eq!(app.upload_api("/api/v1/me/tickets", &fields, None, Some(&agent.token)).await.status(), 403, "staff do not open tickets for themselves");
        assert_eq!(app.count("tickets").await, 0);

        let res = app.upload_api("/api/v1/me/tickets", &fields, Some(("file", photo())), tok).await;
        assert_eq!(res.status(), 201);
        let ticket: Value = res.json().await.unwrap();
        let number = ticket["number"].as_str().unwrap().to_owned();
        assert!(number.starts_with("HD-") && number.len() == 12, "{number}");
        assert_eq!(ticket["status"], "new");
        assert!(ticket.get("due_at").is_none(), "the worker does not see staff fields");
        let id = ticket["id"].as_str().unwrap().to_owned();
        assert!(app.next_message("sms", &t.mobile_e164).await["text"].as_str().unwrap().contains(&number));

        // Nobody else's: the other worker gets not found; workers have no queue.
        assert_eq!(app.get_api(&format!("/api/v1/me/tickets/{id}"), Some(&other.token)).await.status(), 404);
        assert_eq!(app.upload_api(&format!("/api/v1/me/tickets/{id}"), &[("message", "me too")], None, Some(&other.token)).await.status(), 404);
        let theirs: Value = app.get_api("/api/v1/me/tickets", Some(&other.token)).await.json().await.unwrap();
        assert_eq!(theirs.as_array().unwrap().len(), 0);
        assert_eq!(app.get_api("/api/v1/support/tickets", tok).await.status(), 403);
        assert_eq!(app.get_api(&format!("/api/v1/support/tickets/{id}"), tok).await.status(), 403);

        // The queue: new and unassigned, filtered by category.
        let atok = Some(agent.token.as_str());
        let q: Value = app.get_api("/api/v1/support/tickets?assigned=none&category=certificate", atok).await.json().await.unwrap();
        assert_eq!(q.as_array().unwrap().len(), 1);
        let q: Value = app.get_api("/api/v1/support/tickets?category=test", atok).await.json().await.unwrap();
        assert_eq!(q.as_array().unwrap().len(), 0);
        assert_eq!(app.get_api("/api/v1/support/tickets?status=lost", atok).await.status(), 422);
        // The worker's journey lists it for support.
        let j: Value = app.get_api(&format!("/api/v1/support/users/{}/journey?reason=ticket", t.user_id), atok).await.json().await.unwrap();
        assert_eq!(j["tickets"][0]["number"], number);

        // An internal note: the worker neither sees it nor is told.
        let answer = format!("/api/v1/support/tickets/{id}");
        assert_eq!(app.request(Method::POST, &answer, Some(json!({ "message": "Checked: passport renewed in May", "internal": true, "assign_to_me": true })), atok, &[]).await.status(), 204);
        let mine: Value = app.get_api(&format!("/api/v1/me/tickets/{id}"), tok).await.json().await.unwrap();
        assert_eq!(mine["messages"].as_array().unwrap().len(), 1, "{mine}");
        assert!(!mine.to_string().contains("passport renewed"));
        // Nothing to say is refused; an unknown canned reply is named.
        assert_eq!(app.request(Method::POST, &answer, Some(json!({})), atok, &[]).await.status(), 422);
        let res = app.request(Method::POST, &answer, Some(json!({ "canned": "nope" })), atok, &[]).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["choose_option"]);
        // A canned reply in the worker's language; the worker is told by SMS.
        assert_eq!(app.request(Method::POST, &answer, Some(json!({ "canned": "certificate_found" })), atok, &[]).await.status(), 204);
        let mine: Value = app.get_api(&format!("/api/v1/me/tickets/{id}"), tok).await.json().await.unwrap();
        assert_eq!(mine["status"], "waiting");
        assert_eq!(mine["messages"][1]["from"], "support");
        assert!(mine["messages"][1]["body"].as_str().unwrap().contains("We checked your certificate"));
        assert!(app.next_message("sms", &t.mobile_e164).await["text"].as_str().unwrap().contains("answered"));
        assert!(!mine.to_string().contains(&agent.name));

        // The worker writes again: open and owed an answer.
        assert_eq!(app.upload_api(&format!("/api/v1/me/tickets/{id}"), &[("message", "Thank you, I added the new passport.")], None, tok).await.status(), 204);
        let staff_view: Value = app.get_api(&answer, atok).await.json().await.unwrap();
        assert_eq!(staff_view["status"], "open");
        assert_eq!(staff_view["messages"].as_array().unwrap().len(), 4);
        assert_eq!(staff_view["assigned_to"], agent.user_id);
        let file = staff_view["messages"][0]["file"].as_str().unwrap().to_owned();

        // The file: the worker's own and staff (audited); nobody else.
        let mine_url = format!("/api/v1/me/tickets/{id}/files/{file}");
        let got = app.get_api(&mine_url, tok).await;
        assert_eq!(got.status(), 200);
        assert_eq!(got.headers()["content-disposition"], "attachment");
        assert_eq!(got.bytes().await.unwrap().to_vec(), photo());
        assert_eq!(app.get_api(&mine_url, Some(&other.token)).await.status(), 404);
        let staff_url = format!("/api/v1/support/tickets/{id}/files/{file}");
        assert_eq!(app.get_api(&staff_url, tok).await.status(), 403);
        assert_eq!(app.get_api(&staff_url, atok).await.status(), 200);

        // Resolved, then closed: a closed ticket takes no more messages.
        assert_eq!(app.request(Method::POST, &answer, Some(json!({ "status": "closed" })), atok, &[]).await.status(), 204);
        assert_eq!(app.upload_api(&format!("/api/v1/me/tickets/{id}"), &[("message", "one more thing")], None, tok).await.status(), 410);
        // The worker sees support's work on their record, by role.
        let log: Value = app.get_api("/api/v1/me/access-log", tok).await.json().await.unwrap();
        assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "ticket.replied" && e["by_role"] == "support_agent"), "{log}");
        assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "ticket.file_read"));
    }

    async fn an_unanswered_ticket_is_escalated(app) {
        let t = app.trainee(682).await;
        let admin = app.staff("administrator", 50).await;
        let res = app.upload_api("/api/v1/me/tickets", &[("category", "test"), ("subject", "Test stopped"), ("message", "The test page closed itself.")], None, Some(&t.token)).await;
        assert_eq!(res.status(), 201);
        assert_eq!(softskills::helpdesk::desk::escalate(&app.state).await.unwrap(), 0, "not due yet");
        app.advance(app.state.config.help.answer_hours * 3600 + 60);
        // The worker's own loop may get there first: either way, escalated exactly once.
        assert!(softskills::helpdesk::desk::escalate(&app.state).await.unwrap() <= 1);
        assert_eq!(softskills::helpdesk::desk::escalate(&app.state).await.unwrap(), 0, "once");
        let times = app.audit_actions().await.iter().filter(|a| *a == "ticket.escalated").count();
        assert_eq!(times, 1);
        let q: Value = app.get_api("/api/v1/support/tickets?escalated=yes", Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(q.as_array().unwrap().len(), 1);
        assert!(q[0]["escalated_at"].is_string());
        assert!(app.audit_actions().await.contains(&"ticket.escalated".to_owned()));
    }

    async fn the_help_pages_in_urdu_without_javascript(app) {
        let t = app.trainee(683).await;
        let agent = app.staff("support_agent", 51).await;
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/help").await;
        assert_eq!(status, 200);
        assert!(html.contains("نئی درخواست") && html.contains("میرا سرٹیفکیٹ"), "{html}");
        let csrf = crate::util::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_multipart("/help", &[("_csrf", &csrf), ("category", "test"), ("subject", ""), ("message", "")], None).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"subject-error\""));
        let (status, headers, _) = app.post_multipart("/help", &[("_csrf", &csrf), ("category", "test"), ("subject", "ٹیسٹ کا صفحہ بند ہو گیا"), ("message", "ٹیسٹ کے دوران صفحہ بند ہو گیا۔")], Some(("file", photo()))).await;
        assert_eq!(status, 303);
        let location = headers["location"].to_str().unwrap().to_owned();
        let id = location.trim_start_matches("/help/tickets/").split('?').next().unwrap().to_owned();
        let (_, _, html) = app.get_page(&location).await;
        assert!(html.contains("مل گئی ہے") && html.contains("HD-"), "{html}");

        // The agent answers from the desk page.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &agent.mobile), ("password", &agent.password)]).await;
        let (status, _, html) = app.get_page("/support/tickets").await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("/support/tickets/{id}")));
        let (_, _, html) = app.get_page(&format!("/support/tickets/{id}")).await;
        let csrf = crate::util::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, _) = app.post_multipart(&format!("/support/tickets/{id}"), &[("_csrf", &csrf), ("message", "براہِ کرم دوبارہ کوشش کریں؛ آپ کی کوشش محفوظ ہے۔"), ("status", "resolved")], None).await;
        assert_eq!(status, 303);

        // The worker reads the answer.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (_, _, html) = app.get_page(&format!("/help/tickets/{id}")).await;
        assert!(html.contains("آپ کی کوشش محفوظ ہے") && html.contains("حل شدہ"), "{html}");
    }

    async fn the_faq_is_public_in_both_languages(app) {
        crate::learning::with_course(&app).await;
        let (status, _, html) = app.get_page("/help/faq").await;
        assert_eq!(status, 200);
        assert!(html.contains("<details") && html.contains("Questions and answers"), "{html}");
        // A fact nobody has sourced yet says so; it is never made up.
        assert!(html.contains("OEC helpline number (not yet given here"), "{html}");
        app.set_cookie("pss_lang", "ur");
        let (_, _, html) = app.get_page("/help/faq").await;
        assert!(html.contains("سوال و جواب") && html.contains("رجسٹریشن"), "{html}");
        let list: Value = app.request(Method::GET, "/api/v1/faq", None, None, &[("accept-language", "ur")]).await.json().await.unwrap();
        let list = list.as_array().unwrap();
        assert!(list.len() >= 10);
        assert!(list.iter().all(|q| !q["answer"].as_str().unwrap().contains("{{setting:")), "settings are filled or named");
        // An administrator's value shows where the answer cites it.
        let admin = app.staff("administrator", 62).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let csrf = app.csrf("/dashboard").await;
        let (status, _, _) = app.post_form("/admin/settings", &[("_csrf", &csrf), ("setting_oec_helpline", "0800-00000")]).await;
        assert_eq!(status, 303);
        let list: Value = app.get_api("/api/v1/faq", None).await.json().await.unwrap();
        assert!(list.as_array().unwrap().iter().any(|q| q["answer"].as_str().unwrap().contains("0800-00000")), "{list}");
    }
}
