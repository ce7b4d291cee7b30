//! Agreements (issue 14, item 2): recorded by OEC with a partner organisation or a country, the
//! demands put under them, and how far each quota is met.

use serde_json::{Value, json};

use crate::harness::error_codes;
use crate::on_both;
use crate::organisations::approved_oep;

fn agreement(partner_org: &str, country: &str) -> Value {
    json!({ "title": "Drivers for the Riyadh metro", "partner_organisation": partner_org, "partner_country": country,
            "sectors": "Transport", "quota": "600", "starts_on": "2027-01-01", "ends_on": "2027-12-31" })
}

on_both! {
    async fn oec_records_agreements_and_sees_their_demands(app) {
        let admin = app.staff("administrator", 180).await;
        let (_, org) = approved_oep(&app, &admin.token, 5, "1005/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 6, "1006/ISB").await;
        let orgs: Value = app.get_api("/api/v1/admin/organisations?status=approved", Some(&admin.token)).await.json().await.unwrap();
        let partner = orgs.as_array().unwrap().iter().find(|o| o["licence_number"] == "1005/ISB").unwrap()["number"].as_str().unwrap().to_owned();

        // Bad input, every field named; nothing kept.
        let res = app.post_api("/api/v1/admin/agreements", json!({ "quota": "0", "starts_on": "2027-05-01", "ends_on": "2027-01-01" }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required", "agreement_partner", "required", "amount_range", "end_before_start"]);
        let res = app.post_api("/api/v1/admin/agreements", agreement(&partner, "SA"), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["agreement_partner"]);
        assert_eq!(app.count("agreements").await, 0);
        assert_eq!(app.post_api("/api/v1/admin/agreements", agreement(&partner, ""), Some(&org)).await.status(), 403);

        let res = app.post_api("/api/v1/admin/agreements", agreement(&partner, ""), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let a: Value = res.json().await.unwrap();
        let id = a["id"].as_str().unwrap().to_owned();
        assert!(a["partner_organisation"].as_str().unwrap().starts_with("Promoters "), "{a}");
        let g2g = app.post_api("/api/v1/admin/agreements", agreement("", "QA"), Some(&admin.token)).await;
        assert_eq!(g2g.json::<Value>().await.unwrap()["partner_country"], "QA");

        // Demands: the partner's approved one counts; another organisation's is refused.
        let closes = (app.state.clock.now().date_naive() + chrono::Days::new(30)).to_string();
        let d = json!({ "country": "SA", "city": "Riyadh", "occupation": "8322", "positions": "40", "salary_min": "1800", "salary_max": "2200", "currency": "SAR", "contract_months": "24", "closes_on": closes });
        let mine: Value = app.post_api("/api/v1/organisation/demands", d.clone(), Some(&org)).await.json().await.unwrap();
        let theirs: Value = app.post_api("/api/v1/organisation/demands", d, Some(&other)).await.json().await.unwrap();
        let review = format!("/api/v1/admin/demands/{}/review", mine["id"].as_str().unwrap());
        assert_eq!(app.post_api(&review, json!({ "approve": true }), Some(&admin.token)).await.status(), 200);
        let add = format!("/api/v1/admin/agreements/{id}/demands");
        let res = app.post_api(&add, json!({ "demand": "JD-0000-0000" }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["demand_unknown"]);
        let res = app.post_api(&add, json!({ "demand": theirs["number"] }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["agreement_other_partner"]);
        let res = app.post_api(&add, json!({ "demand": mine["number"] }), Some(&admin.token)).await;
        let a: Value = res.json().await.unwrap();
        assert_eq!(a["demands"][0]["number"], mine["number"]);
        assert_eq!(a["positions_demanded"], 40);
        assert_eq!(a["positions_filled"], 0);

        // In the browser, in Urdu.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/admin/agreements").await;
        assert_eq!(status, 200);
        assert!(html.contains("معاہدے") && html.contains("کوٹے") && html.contains(mine["number"].as_str().unwrap()), "{html}");
        let csrf = crate::harness::extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_form("/admin/agreements", &[("_csrf", &csrf), ("title", "")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"title-error\""), "{html}");
    }
}
