//! A certificate's status reads first and loud on every page that shows it: an officer must never
//! mistake a revoked, replaced, expired or unknown certificate for a valid one, in either language.

use serde_json::{Value, json};

use crate::exam::certified;
use crate::harness::TestApp;
use crate::learning::with_course;
use crate::on_both;

/// The first element inside `<main>` and the page's text after it.
fn first_in_main(html: &str) -> &str {
    let main = &html[html.find("<main id=\"main\">").expect("a main element") + 16..];
    main.trim_start()
}

/// The verification page for `query` (`n=NUMBER`), or for a QR link's path (`/V/…`).
async fn verify_page(app: &TestApp, query: &str, lang: &str) -> String {
    app.set_cookie("pss_lang", lang);
    let path = if query.starts_with('/') {
        query.to_owned()
    } else {
        format!("/verify?{query}")
    };
    let (status, _, html) = app.get_page(&path).await;
    assert_eq!(status, 200, "{html}");
    html
}

fn assert_status(html: &str, status: &str, head: &str) {
    let first = first_in_main(html);
    assert!(
        first.starts_with(&format!(
            "<div class=\"status-banner status-{status}\" role=\"status\">"
        )),
        "the status comes first: {first}"
    );
    assert!(first.contains(head), "{head:?} in {first}");
}

on_both! {
    async fn every_status_reads_first_with_what_to_do(app) {
        let course = with_course(&app).await;
        let (_, number, text) = certified(&app, &course, 531).await;
        let c = psk_cert::link::link("", &text).unwrap(); // the QR link's path: /V/<digits>
        for (lang, head) in [("en", "Valid certificate"), ("ur", "درست سرٹیفکیٹ")] {
            let html = verify_page(&app, &format!("n={number}"), lang).await;
            assert_status(&html, "valid", head);
            assert!(html.contains(if lang == "en" { "Valid until" } else { "کب تک درست ہے" }));
        }
        let html = verify_page(&app, &c, "en").await;
        assert_status(&html, "valid", "Valid certificate");
        assert!(html.contains("signature is genuine"));

        // Replaced: a reissue supersedes it.
        let admin = app.staff("administrator", 31).await;
        let res = app.post_api(&format!("/api/v1/admin/certificates/{number}/reissue"), json!({ "reason": "name misspelt at registration" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let new: Value = res.json().await.unwrap();
        let new_number = new["number"].as_str().unwrap();
        for (lang, head) in [("en", "Replaced: do not stamp"), ("ur", "بدل دیا گیا: مہر نہ لگائیں")] {
            let html = verify_page(&app, &format!("n={number}"), lang).await;
            assert_status(&html, "superseded", head);
            assert!(!html.contains("Valid until") && !html.contains("کب تک درست ہے"), "no 'valid until' on a replaced certificate");
        }
        let html = verify_page(&app, &c, "en").await;
        assert_status(&html, "superseded", "do not stamp");
        assert!(!html.contains("signature is genuine"), "a genuine signature is not the news on a replaced certificate");

        // Revoked.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 200);
        for (lang, head) in [("en", "Revoked: do not stamp"), ("ur", "منسوخ: مہر نہ لگائیں")] {
            let html = verify_page(&app, &format!("n={new_number}"), lang).await;
            assert_status(&html, "revoked", head);
            assert!(!html.contains("Valid until") && !html.contains("کب تک درست ہے"));
        }

        // Unknown.
        let html = verify_page(&app, "n=PSS-7KQ4-M2XD-9", "en").await;
        assert_status(&html, "unknown", "Not found: do not stamp");

        // Expired: a valid certificate, years on.
        let (_, other, _) = certified(&app, &course, 532).await;
        app.advance(20 * 366 * 24 * 3600);
        for (lang, head) in [("en", "Expired: do not stamp"), ("ur", "مدت ختم: مہر نہ لگائیں")] {
            let html = verify_page(&app, &format!("n={other}"), lang).await;
            assert_status(&html, "expired", head);
            assert!(html.contains(if lang == "en" { "Expired on" } else { "مدت ختم ہوئی" }));
            assert!(!html.contains("Valid until") && !html.contains("کب تک درست ہے"));
        }
    }
}

on_both! {
    async fn a_reissue_corrects_both_names_and_says_so(app) {
        let course = with_course(&app).await;
        let (t, number, _) = certified(&app, &course, 533).await;
        let sms = app.next_message("sms", &t.mobile_e164).await;
        assert!(sms["text"].as_str().unwrap().contains("you passed the final test"));
        let admin = app.staff("administrator", 33).await;
        let path = format!("/api/v1/admin/certificates/{number}/reissue");
        // A bad Urdu name is refused with its field, and nothing changes.
        let res = app.post_api(&path, json!({ "reason": "names misspelt", "full_name_ur": "Bilal" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("full_name_ur"));
        let old: Value = app.get_api(&format!("/api/v1/certificates/{number}"), None).await.json().await.unwrap();
        assert_eq!(old["status"], "valid");
        // Both names corrected at once.
        let res = app.post_api(&path, json!({ "reason": "names misspelt", "full_name": "Muhammad Bilal Rasool", "full_name_ur": "محمد بلال رسول" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let new: Value = res.json().await.unwrap();
        assert_eq!(new["name"], "Muhammad Bilal Rasool");
        assert_eq!(new["name_ur"], "محمد بلال رسول");
        let new_number = new["number"].as_str().unwrap().to_owned();
        let sms = app.next_message("sms", &t.mobile_e164).await;
        let text = sms["text"].as_str().unwrap();
        assert!(text.contains("reissued") && text.contains(&new_number), "{text}");
        assert!(!text.contains("passed"), "a reissue is not a second pass: {text}");

        // A revocation tells the worker what happened and what to do.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 200);
        let sms = app.next_message("sms", &t.mobile_e164).await;
        let text = sms["text"].as_str().unwrap();
        assert!(text.contains("revoked") && text.contains(&new_number) && text.contains("Ask OEC"), "{text}");

        // The administrators' page offers the reissue after a revocation, not another revocation.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, _, html) = app.get_page(&format!("/admin/certificates?n={new_number}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"reissue\"") && !html.contains("value=\"revoke\""), "{html}");
        assert!(html.contains("name=\"full_name_ur\""));
        let (status, headers, _) = app.post_form("/admin/certificates", &[("_csrf", &csrf), ("number", &new_number), ("action", "reissue"), ("reason", "revoked by mistake"), ("full_name", ""), ("full_name_ur", "")]).await;
        assert_eq!(status, 303);
        assert!(headers["location"].to_str().unwrap().contains("done=reissued"));
    }
}
