//! Job demands (issue 14, item 3): posted by an approved organisation's user, every field named
//! when wrong, invisible until OEC approves, returned with a note and corrected, checked by
//! anyone by its number once approved, closed on its closing date; one organisation never sees
//! another's.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::error_codes;
use crate::on_both;
use crate::organisations::approved_oep;

fn demand(closes_on: &str) -> Value {
    json!({
        "country": "SA", "city": "Riyadh", "occupation": "8322", "positions": "40",
        "salary_min": "1800", "salary_max": "2200", "currency": "SAR", "contract_months": "24",
        "benefits": ["accommodation", "air_ticket"], "experience_years": "2",
        "driving_licence": true, "closes_on": closes_on
    })
}

on_both! {
    async fn a_demand_is_reviewed_by_oec_before_anyone_sees_it(app) {
        let admin = app.staff("administrator", 160).await;
        let (_, token) = approved_oep(&app, &admin.token, 1, "1001/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 2, "1002/ISB").await;
        let closes = (app.state.clock.now().date_naive() + chrono::Days::new(30)).to_string();

        // Every wrong field at once; nothing kept.
        let res = app.post_api("/api/v1/organisation/demands", json!({ "country": "PK", "positions": "0", "closes_on": "2020-01-01" }), Some(&token)).await;
        assert_eq!(res.status(), 422);
        let codes = error_codes(&res.json().await.unwrap());
        assert!(codes.contains(&"destination_abroad".to_owned()) && codes.contains(&"closing_date_range".to_owned()), "{codes:?}");
        assert_eq!(app.count("demands").await, 0);

        let res = app.post_api("/api/v1/organisation/demands", demand(&closes), Some(&token)).await;
        assert_eq!(res.status(), 201);
        let d: Value = res.json().await.unwrap();
        let (id, number) = (d["id"].as_str().unwrap().to_owned(), d["number"].as_str().unwrap().to_owned());
        assert_eq!(d["status"], "submitted");
        assert_eq!(d["benefits"], json!(["accommodation", "air_ticket"]));
        // Not public yet; another organisation's user finds nothing; a worker cannot post.
        assert_eq!(app.get_api(&format!("/api/v1/registers/demands/{number}"), None).await.status(), 404);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/demands/{id}"), Some(&other)).await.status(), 404);
        assert_eq!(app.get_api("/api/v1/organisation/demands", Some(&other)).await.json::<Value>().await.unwrap(), json!([]));
        let t = app.trainee(161).await;
        assert_eq!(app.post_api("/api/v1/organisation/demands", demand(&closes), Some(&t.token)).await.status(), 403);
        assert_eq!(app.get_api("/api/v1/admin/demands", Some(&token)).await.status(), 403);

        // OEC returns it with a note; the organisation corrects it; OEC approves it.
        let queue: Value = app.get_api("/api/v1/admin/demands", Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(queue[0]["number"], number.as_str());
        let review = format!("/api/v1/admin/demands/{id}/review");
        let res = app.post_api(&review, json!({ "approve": false }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"]);
        let res = app.post_api(&review, json!({ "approve": false, "review_note": "The salary is below the agreed minimum for drivers." }), Some(&admin.token)).await;
        assert_eq!(res.json::<Value>().await.unwrap()["status"], "returned");
        assert_eq!(app.post_api(&review, json!({ "approve": true }), Some(&admin.token)).await.status(), 410);
        let mut better = demand(&closes);
        better["salary_min"] = json!("2000");
        let url = format!("/api/v1/organisation/demands/{id}");
        assert_eq!(app.request(Method::PUT, &url, Some(better.clone()), Some(&other), &[]).await.status(), 404);
        let res = app.request(Method::PUT, &url, Some(better.clone()), Some(&token), &[]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["salary_min"], 2000);
        assert_eq!(app.request(Method::PUT, &url, Some(better), Some(&token), &[]).await.status(), 410);
        let res = app.post_api(&review, json!({ "approve": true }), Some(&admin.token)).await;
        let d: Value = res.json().await.unwrap();
        assert_eq!(d["status"], "approved");
        assert_eq!(d["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect::<Vec<_>>(), ["submitted", "returned", "submitted", "approved"]);

        // Anyone checks it by its number; nothing about a worker or contact.
        let public: Value = app.get_api(&format!("/api/v1/registers/demands/{}", number.to_lowercase()), None).await.json().await.unwrap();
        assert_eq!(public["status"], "open");
        assert_eq!(public["positions_left"], 40);
        assert_eq!(public["organisation_licence"], "1001/ISB");
        assert!(!public.to_string().contains("5551"));
        // The same in the browser, from the link printed on an offer, in Urdu too.
        let (status, _, page) = app.get_page(&format!("/registers/demands/{number}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("OEC approved this job demand and it is open") && page.contains("1001/ISB"), "{page}");
        app.set_cookie("pss_lang", "ur");
        let (status, _, page) = app.get_page("/registers/demands?number=JD-0000-0000").await;
        assert_eq!(status, 404);
        assert!(page.contains("اس نمبر کی کوئی ڈیمانڈ OEC نے منظور نہیں کی"), "{page}");
        app.clear_cookies();

        // It closes itself after its closing date.
        assert_eq!(softskills::orgs::demands::close_due(&app.state).await.unwrap(), 0);
        app.advance(31 * 86400);
        assert_eq!(softskills::orgs::demands::close_due(&app.state).await.unwrap(), 1);
        let public: Value = app.get_api(&format!("/api/v1/registers/demands/{number}"), None).await.json().await.unwrap();
        assert_eq!(public["status"], "closed");
        let actions = app.audit_actions().await;
        for a in ["demand.posted", "demand.reviewed", "demand.corrected"] {
            assert!(actions.contains(&a.to_owned()), "{a}");
        }
    }
}

on_both! {
    async fn demands_in_the_browser_in_urdu(app) {
        let admin = app.staff("administrator", 162).await;
        let (_, _) = approved_oep(&app, &admin.token, 3, "1003/ISB").await;
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", "03005551603"), ("password", "recruit workers 2027")]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/organisation/demands").await;
        assert_eq!(status, 200);
        assert!(html.contains("نئی ڈیمانڈ بھیجیں"), "{html}");
        let csrf = crate::harness::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_form("/organisation/demands", &[("_csrf", &csrf), ("country", "PK"), ("benefits", "food")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"country-error\"") && html.contains("id=\"closes_on-error\""), "{html}");
        let closes = (app.state.clock.now().date_naive() + chrono::Days::new(20)).to_string();
        let form = [("_csrf", csrf.as_str()), ("country", "QA"), ("city", "Doha"), ("occupation", "8322"), ("positions", "12"), ("salary_min", "2500"), ("salary_max", "3000"), ("currency", "QAR"), ("contract_months", "24"), ("benefits", "food"), ("benefits", "medical"), ("driving_licence", "on"), ("closes_on", closes.as_str())];
        let (status, headers, _) = app.post_form("/organisation/demands", &form).await;
        assert_eq!(status, 303);
        let location = headers["location"].to_str().unwrap().to_owned();
        let (_, _, html) = app.get_page(&location).await;
        assert!(html.contains("OEC کے فیصلے کی منتظر") && html.contains("کھانا") && html.contains("علاج"), "{html}");
        let id = location.rsplit('/').next().unwrap().to_owned();
        // OEC approves it in the browser.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let (_, _, html) = app.get_page("/admin/demands").await;
        assert!(html.contains(&format!("/admin/demands/{id}")), "{html}");
        let (_, _, html) = app.get_page(&format!("/admin/demands/{id}")).await;
        let csrf = crate::harness::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_form(&format!("/admin/demands/{id}"), &[("_csrf", &csrf), ("decision", "return"), ("review_note", "")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"review_note-error\""), "{html}");
        let (status, _, _) = app.post_form(&format!("/admin/demands/{id}"), &[("_csrf", &csrf), ("decision", "approve"), ("review_note", "")]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page(&format!("/admin/demands/{id}")).await;
        assert!(html.contains("Open"), "{html}");
    }
}
