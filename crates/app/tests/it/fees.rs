//! Fees in the open (issue 14, item 10): an OEP records the service charge of a selected worker,
//! never above the government cap and never while the cap is unset; the receipt is a PDF both
//! sides download and anyone checks by its number without seeing the worker; the worker says
//! what they paid, and a difference opens a fee-dispute complaint on the OEP's record, which OEC
//! sees with the OEP's placements, departures and early returns.

use serde_json::{Value, json};

use crate::candidates::electrician;
use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::{approved_employer, approved_oep};
use crate::placements::{open_demand, to_offer};

async fn post(app: &crate::harness::TestApp, url: &str, body: Value, token: &str) -> (u16, Value) {
    let res = app.post_api(url, body, Some(token)).await;
    (res.status().as_u16(), res.json().await.unwrap_or_default())
}

/// Takes the worker to an accepted offer on `demand`; the placement's id.
async fn selected(
    app: &crate::harness::TestApp,
    org: &str,
    demand: &str,
    worker: &crate::people::Trainee,
) -> String {
    let id = to_offer(app, org, demand, worker).await;
    let url = format!("/api/v1/me/placements/{id}/steps");
    assert_eq!(
        post(app, &url, json!({ "step": "accept_offer" }), &worker.token)
            .await
            .0,
        200
    );
    id
}

async fn set_cap(app: &crate::harness::TestApp, by: &str, value: &str) {
    let by: uuid::Uuid = by.parse().unwrap();
    psk_store::course::set_setting(
        app.state.db.ex(),
        "max_oep_service_charge",
        value,
        by,
        app.state.clock.now(),
    )
    .await
    .unwrap();
}

on_both! {
    async fn an_oep_records_a_charge_under_the_cap_and_the_worker_confirms_it(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 210).await;
        let (_, org) = approved_oep(&app, &admin.token, 12, "1012/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 13, "1013/ISB").await;
        let (a, _, _) = certified(&app, &course, 211).await;
        let (b, _, _) = certified(&app, &course, 212).await;
        electrician(&app, &a, true).await;
        let (demand, number) = open_demand(&app, &admin.token, &org).await;
        let id = to_offer(&app, &org, &demand, &a).await;
        let url = format!("/api/v1/organisation/placements/{id}/service-charge");

        // Not before the worker accepts the offer.
        let (s, v) = post(&app, &url, json!({ "amount": 25000 }), &org).await;
        assert_eq!((s, v["code"].as_str()), (410, Some("service_charge_not_selected")));
        assert_eq!(post(&app, &format!("/api/v1/me/placements/{id}/steps"), json!({ "step": "accept_offer" }), &a.token).await.0, 200);

        // While the cap is unset: refused, and the page says why instead of a form.
        let (s, v) = post(&app, &url, json!({ "amount": 25000 }), &org).await;
        assert_eq!((s, v["code"].as_str()), (403, Some("service_charge_cap_unset")));
        let seen: Value = app.get_api(&format!("/api/v1/organisation/placements/{id}"), Some(&org)).await.json().await.unwrap();
        assert_eq!((seen["may_record_charge"].as_bool(), seen["charge_cap"].is_null(), seen["service_charge"].is_null()), (Some(true), true, true));
        // A cap not written as one amount in rupees counts as unset.
        set_cap(&app, &admin.user_id, "2% of the first salary").await;
        assert_eq!(post(&app, &url, json!({ "amount": 100 }), &org).await.0, 403);

        set_cap(&app, &admin.user_id, "PKR 30,000").await;
        let (s, v) = post(&app, &url, json!({ "amount": "30,001" }), &org).await;
        assert_eq!((s, v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()), (422, Some("amount"), Some("service_charge_above_cap")));
        let (s, v) = post(&app, &url, json!({ "amount": "about 5000" }), &org).await;
        assert_eq!((s, v["errors"][0]["code"].as_str()), (422, Some("rupees_range")));
        assert_eq!(post(&app, &url, json!({ "amount": 100 }), &other).await.0, 404, "another OEP reaches nothing");
        let (s, v) = post(&app, &url, json!({ "amount": "25,000" }), &org).await;
        assert_eq!(s, 200, "{v}");
        let c = &v["service_charge"];
        assert_eq!((c["amount"].as_i64(), c["cap"].as_i64(), c["state"].as_str()), (Some(25_000), Some(30_000), Some("awaiting")));
        assert_eq!(v["may_record_charge"], false);
        let receipt = c["receipt_number"].as_str().unwrap().to_owned();
        assert!(receipt.starts_with("FR-") && receipt.len() == 12, "{receipt}");
        let (s, v) = post(&app, &url, json!({ "amount": 20000 }), &org).await;
        assert_eq!((s, v["code"].as_str()), (410, Some("service_charge_recorded")));

        // The worker is told, in one SMS part with the short link.
        let sms = loop {
            let m = app.next_message("sms", &a.mobile_e164).await;
            if m["text"].as_str().unwrap().contains("fee") {
                break m;
            }
        };
        assert!(sms["text"].as_str().unwrap().ends_with("/p"), "{sms}");

        // The receipt: a PDF for both sides, nobody else's.
        for (path, token) in [(format!("/api/v1/me/placements/{id}/receipt"), &a.token), (format!("/api/v1/organisation/placements/{id}/receipt"), &org)] {
            let res = app.get_api(&path, Some(token)).await;
            assert_eq!(res.status(), 200);
            assert_eq!(res.headers()["content-type"], "application/pdf");
            assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
        }
        assert_eq!(app.get_api(&format!("/api/v1/me/placements/{id}/receipt"), Some(&b.token)).await.status(), 404);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/placements/{id}/receipt"), Some(&other)).await.status(), 404);

        // Anyone checks it by its number, and never sees the worker.
        let res = app.get_api(&format!("/api/v1/registers/receipts/{}", receipt.to_lowercase()), None).await;
        assert_eq!(res.status(), 200);
        let text = res.text().await.unwrap();
        let public: Value = serde_json::from_str(&text).unwrap();
        assert_eq!((public["amount"].as_i64(), public["demand_number"].as_str(), public["licence_number"].as_str()), (Some(25_000), Some(number.as_str()), Some("1012/ISB")));
        assert!(!text.contains(&a.name) && !text.contains(&a.cnic) && !text.contains(&a.user_id), "{text}");
        let res = app.get_api("/api/v1/registers/receipts/FR-0000-0000", None).await;
        assert_eq!(res.status(), 404);
        let res = app.get_api("/api/v1/registers/receipts/12345", None).await;
        assert_eq!(res.status(), 422);
        let (status, _, html) = app.get_page(&format!("/registers/receipts/{receipt}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("PKR 25,000") && !html.contains(&a.name), "{html}");

        // The worker confirms what they paid: no complaint; a second answer is refused.
        let my = format!("/api/v1/me/placements/{id}/service-charge");
        let (s, v) = post(&app, &my, json!({ "paid": "lots" }), &a.token).await;
        assert_eq!((s, v["errors"][0]["field"].as_str()), (422, Some("paid")));
        let (s, v) = post(&app, &my, json!({ "paid": 25000 }), &a.token).await;
        assert_eq!((s, v["service_charge"]["state"].as_str(), v["service_charge"]["paid"].as_i64()), (200, Some("confirmed"), Some(25_000)));
        let (s, v) = post(&app, &my, json!({ "paid": 40000 }), &a.token).await;
        assert_eq!((s, v["code"].as_str()), (410, Some("service_charge_answered")));
        let tickets: Value = app.get_api("/api/v1/me/tickets", Some(&a.token)).await.json().await.unwrap();
        assert_eq!(tickets.as_array().unwrap().len(), 0);
        let actions = app.audit_actions().await;
        for e in ["placement.service_charge", "placement.service_charge_answered"] {
            assert!(actions.contains(&e.to_owned()), "{e}");
        }
    }

    async fn a_worker_who_paid_more_opens_a_complaint_on_the_oeps_record(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 220).await;
        set_cap(&app, &admin.user_id, "Rs. 30000/-").await;
        let (org_id, org) = approved_oep(&app, &admin.token, 14, "1014/ISB").await;
        let (_, employer) = approved_employer(&app, &admin.token, 15).await;
        let (a, _, _) = certified(&app, &course, 221).await;
        let (b, _, _) = certified(&app, &course, 222).await;
        electrician(&app, &a, true).await;
        electrician(&app, &b, true).await;
        let (demand, _) = open_demand(&app, &admin.token, &org).await;
        let id = selected(&app, &org, &demand, &a).await;
        let (s, v) = post(&app, &format!("/api/v1/organisation/placements/{id}/service-charge"), json!({ "amount": 20000 }), &org).await;
        assert_eq!(s, 200, "{v}");
        let (s, v) = post(&app, &format!("/api/v1/me/placements/{id}/service-charge"), json!({ "paid": "45,000" }), &a.token).await;
        assert_eq!((s, v["service_charge"]["state"].as_str()), (200, Some("disputed")));
        let tickets: Value = app.get_api("/api/v1/me/tickets", Some(&a.token)).await.json().await.unwrap();
        assert_eq!(tickets[0]["category"], "fee_dispute");
        assert!(tickets[0]["subject"].as_str().unwrap().contains(v["service_charge"]["receipt_number"].as_str().unwrap()));

        // A foreign employer takes no charge from the worker.
        let (edemand, _) = open_demand(&app, &admin.token, &employer).await;
        let eid = selected(&app, &employer, &edemand, &b).await;
        let (s, v) = post(&app, &format!("/api/v1/organisation/placements/{eid}/service-charge"), json!({ "amount": 100 }), &employer).await;
        assert_eq!((s, v["code"].as_str()), (403, Some("service_charge_not_oep")));
        let seen: Value = app.get_api(&format!("/api/v1/organisation/placements/{eid}"), Some(&employer)).await.json().await.unwrap();
        assert_eq!(seen["may_record_charge"], false);

        // OEC sees the OEP's record; the OEP itself does not see the complaint.
        let rec: Value = app.get_api(&format!("/api/v1/admin/organisations/{org_id}"), Some(&admin.token)).await.json().await.unwrap();
        let r = &rec["record"];
        let got = [&r["placements"], &r["selected"], &r["charges"], &r["fee_disputes"], &r["complaints"], &r["departures"]].map(|v| v.as_i64().unwrap());
        assert_eq!(got, [1, 1, 1, 1, 1, 0]);
        assert_eq!(rec["complaints"].as_array().unwrap().len(), 1);
        let own: Value = app.get_api("/api/v1/organisation", Some(&org)).await.json().await.unwrap();
        assert!(own.get("record").is_none() && own.get("complaints").is_none(), "{own}");

        // In the browser: the worker's page shows the receipt and the dispute, and no more form.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &a.cnic), ("password", &a.password)]).await;
        let (status, _, html) = app.get_page(&format!("/placements/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("/placements/{id}/receipt.pdf")) && html.contains("PKR 45,000") && html.contains("Disputed"), "{html}");
        assert!(!html.contains("/service-charge\""), "answered once");
        let (status, _, html) = app.get_page(&format!("/placements/{eid}")).await;
        assert_eq!(status, 404, "{html}");
    }
}
