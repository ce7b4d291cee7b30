//! Help without signing in (issue 13, item 7): a worker who lost their SIM asks for help with
//! their CNIC and the mobile they have now; the code proves that mobile; the ticket is the
//! account's, and its number and the replies reach the new number. Nothing is kept for a CNIC
//! without an account, and asking says nothing about whether one exists.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::error_codes;
use crate::harness::extract_between;
use crate::on_both;

fn request(cnic: &str, mobile: &str) -> Value {
    json!({ "cnic": cnic, "mobile": mobile, "category": "cannot_sign_in", "subject": "Lost my SIM", "message": "My SIM was stolen in Dubai; I cannot get the code to sign in." })
}

on_both! {
    async fn a_worker_who_cannot_sign_in_asks_with_a_code_to_their_new_number(app) {
        app.start_of_hour();
        let t = app.trainee(720).await;
        let agent = app.staff("support_agent", 65).await;
        let (new_mobile, new_e164) = ("0333 5550720", "+923335550720");

        // Every problem is named at once; nothing is kept, no code is sent.
        let res = app.post_api("/api/v1/help/requests", json!({}), None).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required", "required", "choose_option", "required", "required"]);
        assert_eq!(app.count("help_drafts").await, 0);

        let res = app.post_api("/api/v1/help/requests", request(&t.cnic, new_mobile), None).await;
        assert_eq!(res.status(), 202);
        let started: Value = res.json().await.unwrap();
        assert_eq!(started["sent_to"], "0333 ****720");
        let draft = started["draft_id"].as_str().unwrap().to_owned();
        let code = app.next_code(new_e164).await;
        let confirm = format!("/api/v1/help/requests/{draft}/confirm");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(app.post_api(&confirm, json!({ "code": wrong }), None).await.status(), 422);
        assert_eq!(app.count("tickets").await, 0);
        let res = app.post_api(&confirm, json!({ "code": code }), None).await;
        assert_eq!(res.status(), 201);
        let number = res.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_owned();
        assert_eq!(app.post_api(&confirm, json!({ "code": code }), None).await.status(), 410, "once");
        assert_eq!(app.count("help_drafts").await, 0);

        // Its number reaches the new number (and the account's); the ticket is the worker's.
        assert!(app.next_message("sms", new_e164).await["text"].as_str().unwrap().contains(&number));
        assert!(app.next_message("sms", &t.mobile_e164).await["text"].as_str().unwrap().contains(&number));
        let mine: Value = app.get_api("/api/v1/me/tickets", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(mine[0]["number"], number.as_str());
        let id = mine[0]["id"].as_str().unwrap().to_owned();
        let one: Value = app.get_api(&format!("/api/v1/me/tickets/{id}"), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(one["reply_also_to"], "0333 5550720", "{one}");
        let staff_view: Value = app.get_api(&format!("/api/v1/support/tickets/{id}"), Some(&agent.token)).await.json().await.unwrap();
        assert_eq!(staff_view["reply_also_to"], "0333 5550720");

        // Support's answer goes to the new number too.
        let reply = json!({ "message": "We can change your number after checking your CNIC. Please send a photo of it." });
        let res = app.request(Method::POST, &format!("/api/v1/support/tickets/{id}"), Some(reply), Some(&agent.token), &[]).await;
        assert!(res.status().is_success(), "{}", res.status());
        assert!(app.next_message("sms", new_e164).await["text"].as_str().unwrap().contains(&number));

        // A CNIC without an account: the same answer to the request; after the code, nothing
        // is opened and nothing kept.
        app.advance(61);
        let res = app.post_api("/api/v1/help/requests", request("99999-8888888-7", "0333 5550721"), None).await;
        assert_eq!(res.status(), 202);
        let draft = res.json::<Value>().await.unwrap()["draft_id"].as_str().unwrap().to_owned();
        let code = app.next_code("+923335550721").await;
        let res = app.post_api(&format!("/api/v1/help/requests/{draft}/confirm"), json!({ "code": code }), None).await;
        assert_eq!(res.status(), 410);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "help_no_account", "{body}");
        assert_eq!(app.count("tickets").await, 1);
        assert_eq!(app.count("help_drafts").await, 0);

        // A request whose code is never typed goes with the codes' retention.
        app.advance(61);
        assert_eq!(app.post_api("/api/v1/help/requests", request(&t.cnic, "0333 5550722"), None).await.status(), 202);
        assert_eq!(app.count("help_drafts").await, 1);
        app.advance((app.state.config.retention.otp_days + 1) * 86400);
        softskills::notify::worker::purge(&app.state).await.unwrap();
        assert_eq!(app.count("help_drafts").await, 0);
    }

    async fn the_help_page_without_signing_in_in_urdu(app) {
        let t = app.trainee(721).await;
        app.set_cookie("pss_lang", "ur");
        let (_, _, html) = app.get_page("/sign-in").await;
        assert!(html.contains("href=\"/help/without-sign-in\""));
        let (status, _, html) = app.get_page("/help/without-sign-in").await;
        assert_eq!(status, 200);
        assert!(html.contains("سائن اِن کیے بغیر مدد مانگیں"), "{html}");
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_form("/help/without-sign-in", &[("_csrf", &csrf), ("cnic", "123"), ("mobile", ""), ("category", "cannot_sign_in"), ("subject", "x"), ("message", "y")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"cnic-error\"") && html.contains("id=\"mobile-error\""), "{html}");
        let form = [("_csrf", csrf.as_str()), ("cnic", t.cnic.as_str()), ("mobile", "0333 5550723"), ("category", "cannot_sign_in"), ("subject", "پاس ورڈ بھول گیا"), ("message", "میرا پاس ورڈ یاد نہیں اور پرانی سم بند ہے۔")];
        let (status, headers, _) = app.post_form("/help/without-sign-in", &form).await;
        assert_eq!(status, 303);
        let location = headers["location"].to_str().unwrap().to_owned();
        let draft = location.split("id=").nth(1).unwrap().to_owned();
        let (_, _, html) = app.get_page(&location).await;
        assert!(html.contains("name=\"code\""));
        let code = app.next_code("+923335550723").await;
        let (status, _, html) = app.post_form("/help/without-sign-in/confirm", &[("_csrf", &csrf), ("id", &draft), ("code", &code)]).await;
        assert_eq!(status, 200);
        assert!(html.contains("درخواست مل گئی ہے") && html.contains("HD-"), "{html}");
    }
}
