//! The placement pipeline (issue 14, item 6): shortlisted → invited → accepted → interviewed →
//! offered → offer accepted → visa → cleared by the protector stamp → departed; each step by its
//! own party and in order, audited and on the timeline both sides see; the worker's contact
//! only after they accept the interview; one accepted offer at a time; another organisation
//! reaches nothing.

use reqwest::Method;
use serde_json::{Value, json};

use crate::candidates::electrician;
use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;

/// An approved demand of `org`'s for electricians in Saudi Arabia: (id, number).
pub async fn open_demand(
    app: &crate::harness::TestApp,
    admin: &str,
    org: &str,
) -> (String, String) {
    let closes = (app.state.clock.now().date_naive() + chrono::Days::new(20)).to_string();
    let d = json!({ "country": "SA", "city": "Dammam", "occupation": "7411", "positions": "3", "salary_min": "1800", "salary_max": "2400", "currency": "SAR", "contract_months": "24", "closes_on": closes });
    let v: Value = app
        .post_api("/api/v1/organisation/demands", d, Some(org))
        .await
        .json()
        .await
        .unwrap();
    let id = v["id"].as_str().unwrap().to_owned();
    let res = app
        .post_api(
            &format!("/api/v1/admin/demands/{id}/review"),
            json!({ "approve": true }),
            Some(admin),
        )
        .await;
    assert_eq!(res.status(), 200);
    (id, v["number"].as_str().unwrap().to_owned())
}

async fn step(app: &crate::harness::TestApp, url: &str, body: Value, token: &str) -> (u16, Value) {
    let res = app.post_api(url, body, Some(token)).await;
    (res.status().as_u16(), res.json().await.unwrap_or_default())
}

/// Shortlists, invites and takes the worker to an offer; returns the placement's id.
pub async fn to_offer(
    app: &crate::harness::TestApp,
    org: &str,
    demand: &str,
    worker: &crate::people::Trainee,
) -> String {
    let res = app
        .post_api(
            &format!("/api/v1/organisation/demands/{demand}/shortlist"),
            json!({ "candidate": worker.user_id }),
            Some(org),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("/api/v1/organisation/placements/{id}/steps");
    let when = (app.state.clock.now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT10:30")
        .to_string();
    assert_eq!(step(app, &url, json!({ "step": "invite", "interview_at": when, "mode": "in_person", "place": "OEC office, Blue Area, Islamabad" }), org).await.0, 200);
    assert_eq!(
        step(
            app,
            &format!("/api/v1/me/placements/{id}/steps"),
            json!({ "step": "accept_invitation" }),
            &worker.token
        )
        .await
        .0,
        200
    );
    assert_eq!(
        step(
            app,
            &url,
            json!({ "step": "interviewed", "note": "Good practical test" }),
            org
        )
        .await
        .0,
        200
    );
    let (s, v) = step(app, &url, json!({ "step": "offer", "salary": "2200", "currency": "SAR", "note": "24 months, housing and food, air ticket" }), org).await;
    assert_eq!(s, 200, "{v}");
    id
}

on_both! {
    async fn the_whole_path_in_order_by_the_right_party(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 200).await;
        let (org_id, org) = approved_oep(&app, &admin.token, 10, "1010/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 11, "1011/ISB").await;
        let (a, _, _) = certified(&app, &course, 201).await;
        electrician(&app, &a, true).await;
        let (demand, number) = open_demand(&app, &admin.token, &org).await;

        let res = app.post_api(&format!("/api/v1/organisation/demands/{demand}/shortlist"), json!({ "candidate": a.user_id }), Some(&org)).await;
        assert_eq!(res.status(), 201);
        let p: Value = res.json().await.unwrap();
        let id = p["id"].as_str().unwrap().to_owned();
        assert_eq!(p["status"], "shortlisted");
        assert!(p["contact"].is_null(), "no contact before the worker accepts");
        assert_eq!(p["next"], json!(["invite", "withdraw"]));
        let org_url = format!("/api/v1/organisation/placements/{id}/steps");
        let my_url = format!("/api/v1/me/placements/{id}/steps");

        // Out of order, by the wrong party, or with bad details: refused, nothing changes.
        let (s, v) = step(&app, &org_url, json!({ "step": "offer", "salary": "1", "currency": "SAR", "note": "x" }), &org).await;
        assert_eq!((s, v["code"].as_str()), (410, Some("placement_step_order")));
        let (s, v) = step(&app, &my_url, json!({ "step": "invite" }), &a.token).await;
        assert_eq!((s, v["code"].as_str()), (403, Some("placement_wrong_party")));
        let (s, v) = step(&app, &org_url, json!({ "step": "accept_invitation" }), &org).await;
        assert_eq!((s, v["code"].as_str()), (403, Some("placement_wrong_party")));
        let (s, v) = step(&app, &org_url, json!({ "step": "invite", "interview_at": "2020-01-01T10:00", "mode": "online", "place": "zoom" }), &org).await;
        assert_eq!(s, 422);
        let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["interview_at", "place"]);
        // Another organisation reaches nothing.
        assert_eq!(app.get_api(&format!("/api/v1/organisation/placements/{id}"), Some(&other)).await.status(), 404);
        assert_eq!(step(&app, &org_url, json!({ "step": "withdraw" }), &other).await.0, 404);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/demands/{demand}/placements"), Some(&other)).await.status(), 404);
        assert_eq!(app.post_api(&format!("/api/v1/organisation/demands/{demand}/shortlist"), json!({ "candidate": a.user_id }), Some(&other)).await.status(), 404);

        // Invited: the worker is told by SMS with the short link, and answers.
        let when = (app.state.clock.now() + chrono::Duration::days(3)).format("%Y-%m-%dT10:30").to_string();
        let (s, v) = step(&app, &org_url, json!({ "step": "invite", "interview_at": when, "mode": "online", "place": "https://meet.example.pk/oec-42" }), &org).await;
        assert_eq!((s, v["status"].as_str()), (200, Some("invited")));
        let mut sms = app.next_message("sms", &a.mobile_e164).await;
        while sms["text"].as_str().unwrap().contains("certificate") {
            sms = app.next_message("sms", &a.mobile_e164).await;
        }
        assert!(sms["text"].as_str().unwrap().ends_with("/p"), "{sms}");
        assert!(sms["text"].as_str().unwrap().contains("interview invitation"), "{sms}");
        let mine: Value = app.get_api("/api/v1/me/placements", Some(&a.token)).await.json().await.unwrap();
        assert_eq!(mine[0]["next"], json!(["accept_invitation", "decline_invitation"]));
        assert_eq!(mine[0]["interview_place"], "https://meet.example.pk/oec-42");
        assert!(mine[0]["candidate"].is_null() && mine[0]["contact"].is_null());
        assert_eq!(step(&app, &my_url, json!({ "step": "accept_invitation" }), &a.token).await.0, 200);
        let seen: Value = app.get_api(&format!("/api/v1/organisation/placements/{id}"), Some(&org)).await.json().await.unwrap();
        assert_eq!(seen["contact"]["full_name"], a.name.as_str());
        assert_eq!(seen["contact"]["mobile"], format!("{} {}", &a.mobile[..4], &a.mobile[4..]));

        // Interview, offer, acceptance: the position is filled.
        assert_eq!(step(&app, &org_url, json!({ "step": "interviewed", "note": "Passed the practical" }), &org).await.0, 200);
        assert_eq!(step(&app, &org_url, json!({ "step": "offer", "salary": "2,200", "currency": "SAR", "note": "24 months, housing" }), &org).await.0, 200);
        assert_eq!(step(&app, &my_url, json!({ "step": "accept_offer" }), &a.token).await.0, 200);
        let d: Value = app.get_api(&format!("/api/v1/registers/demands/{number}"), None).await.json().await.unwrap();
        assert_eq!(d["positions_left"], 2);

        // One accepted offer at a time.
        let (demand2, _) = open_demand(&app, &admin.token, &other).await;
        let second = to_offer(&app, &other, &demand2, &a).await;
        let (s, v) = step(&app, &format!("/api/v1/me/placements/{second}/steps"), json!({ "step": "accept_offer" }), &a.token).await;
        assert_eq!((s, v["code"].as_str()), (403, Some("placement_offer_held")));

        // Visa; the protector stamp clears it on its own; then departure.
        assert_eq!(step(&app, &org_url, json!({ "step": "visa" }), &org).await.0, 200);
        let o = crate::protector::officer(&app, 30, "LHR").await;
        let today = app.state.clock.today().to_string();
        let stamp = json!({ "cnic": a.cnic, "passport_number": a.passport, "protector_number": "LHR-2026-000777", "stamped_on": today, "destination": "SA", "employer": "Dammam Power (OEP 1010/ISB)", "visa_type": "work" });
        assert_eq!(app.post_api("/api/v1/protector/stamps", stamp, Some(&o.token)).await.status(), 201);
        let seen: Value = app.get_api(&format!("/api/v1/organisation/placements/{id}"), Some(&org)).await.json().await.unwrap();
        assert_eq!(seen["status"], "cleared");
        let by: Vec<&str> = seen["timeline"].as_array().unwrap().iter().map(|e| e["by"].as_str().unwrap()).collect();
        assert_eq!(by, ["organisation", "organisation", "worker", "organisation", "organisation", "worker", "organisation", "service"]);
        let (s, v) = step(&app, &org_url, json!({ "step": "departed", "departed_on": today }), &org).await;
        assert_eq!((s, v["status"].as_str()), (200, Some("departed")));
        assert_eq!(v["next"], json!(["returned_early"]));
        // Back before the contract's end: reported with the reason, and on the OEP's record.
        let (s, v) = step(&app, &org_url, json!({ "step": "returned_early" }), &org).await;
        assert_eq!((s, v["errors"][0]["field"].as_str()), (422, Some("note")));
        let (s, v) = step(&app, &org_url, json!({ "step": "returned_early", "note": "Employer closed the site on 2027-02-01." }), &org).await;
        assert_eq!((s, v["status"].as_str(), v["next"].clone()), (200, Some("returned_early"), json!([])));
        let rec: Value = app.get_api(&format!("/api/v1/admin/organisations/{org_id}"), Some(&admin.token)).await.json().await.unwrap();
        assert_eq!((rec["record"]["departures"].as_i64(), rec["record"]["returned_early"].as_i64()), (Some(1), Some(1)));
        let actions = app.audit_actions().await;
        for a in ["placement.shortlisted", "placement.invite", "placement.accept_invitation", "placement.offer", "placement.accept_offer", "placement.clear", "placement.departed", "placement.returned_early"] {
            assert!(actions.contains(&a.to_owned()), "{a}");
        }
    }

    async fn a_withdrawal_drops_the_worker_from_the_shortlist_until_they_accept(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 205).await;
        let (_, org) = approved_oep(&app, &admin.token, 12, "1012/ISB").await;
        let (a, _, _) = certified(&app, &course, 206).await;
        electrician(&app, &a, true).await;
        let (demand, _) = open_demand(&app, &admin.token, &org).await;
        let res = app.post_api(&format!("/api/v1/organisation/demands/{demand}/shortlist"), json!({ "candidate": a.user_id }), Some(&org)).await;
        let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let list = format!("/api/v1/organisation/demands/{demand}/placements");
        let n = |v: Value| v.as_array().unwrap().len();
        assert_eq!(n(app.get_api(&list, Some(&org)).await.json().await.unwrap()), 1);
        let off = json!({ "granted": false });
        assert_eq!(app.request(Method::PUT, "/api/v1/me/consents/share_with_employers", Some(off), Some(&a.token), &[]).await.status(), 204);
        assert_eq!(n(app.get_api(&list, Some(&org)).await.json().await.unwrap()), 0);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/placements/{id}"), Some(&org)).await.status(), 404);
        let again = app.post_api(&format!("/api/v1/organisation/demands/{demand}/shortlist"), json!({ "candidate": a.user_id }), Some(&org)).await;
        assert_eq!(again.status(), 422);
        // The worker still sees it, and no one can act for them.
        assert_eq!(n(app.get_api("/api/v1/me/placements", Some(&a.token)).await.json().await.unwrap()), 1);
    }
}
