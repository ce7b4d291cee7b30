//! Placement statistics (issue 14, item 8): the figures equal what happened, by country,
//! occupation and agreement, as JSON, CSV and a page; analysts and administrators only.

use serde_json::{Value, json};

use crate::candidates::electrician;
use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;
use crate::placements::{open_demand, to_offer};

on_both! {
    async fn the_figures_count_what_happened(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 220).await;
        let analyst = app.staff("analyst", 221).await;
        let (_, org) = approved_oep(&app, &admin.token, 14, "1014/ISB").await;
        let (a, _, _) = certified(&app, &course, 222).await;
        electrician(&app, &a, true).await;
        let (b, _, _) = certified(&app, &course, 223).await;
        electrician(&app, &b, true).await;
        let (demand, _) = open_demand(&app, &admin.token, &org).await;
        let interest = format!("/api/v1/me/jobs/{demand}/interest");
        assert_eq!(app.post_api(&interest, json!({}), Some(&b.token)).await.status(), 204);
        // A goes all the way; B is invited and declines.
        let p = to_offer(&app, &org, &demand, &a).await;
        let step = |id: &str, who: &str| format!("/api/v1/{who}/placements/{id}/steps");
        assert_eq!(app.post_api(&step(&p, "me"), json!({ "step": "accept_offer" }), Some(&a.token)).await.status(), 200);
        assert_eq!(app.post_api(&step(&p, "organisation"), json!({ "step": "visa" }), Some(&org)).await.status(), 200);
        let today = app.state.clock.today().to_string();
        let o = crate::protector::officer(&app, 31, "LHR").await;
        let stamp = json!({ "cnic": a.cnic, "passport_number": a.passport, "protector_number": "LHR-2026-000888", "stamped_on": today, "destination": "SA", "employer": "Dammam Power", "visa_type": "work" });
        assert_eq!(app.post_api("/api/v1/protector/stamps", stamp, Some(&o.token)).await.status(), 201);
        assert_eq!(app.post_api(&step(&p, "organisation"), json!({ "step": "departed", "departed_on": today }), Some(&org)).await.status(), 200);
        let r = app.post_api(&format!("/api/v1/organisation/demands/{demand}/shortlist"), json!({ "candidate": b.user_id }), Some(&org)).await;
        let q = r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let when = (app.state.clock.now() + chrono::Duration::days(2)).format("%Y-%m-%dT11:00").to_string();
        assert_eq!(app.post_api(&step(&q, "organisation"), json!({ "step": "invite", "interview_at": when, "mode": "online", "place": "https://meet.example.pk/x" }), Some(&org)).await.status(), 200);
        assert_eq!(app.post_api(&step(&q, "me"), json!({ "step": "decline_invitation" }), Some(&b.token)).await.status(), 200);

        let v: Value = app.get_api("/api/v1/admin/placement-stats", Some(&analyst.token)).await.json().await.unwrap();
        assert_eq!(v["by"], "country");
        assert_eq!(v["rows"].as_array().unwrap().len(), 1);
        let sa = &v["rows"][0];
        assert_eq!(sa["group"], "SA");
        for (k, n) in [("demands", 1), ("positions", 3), ("interest", 1), ("interviews", 1), ("selections", 1), ("offers_accepted", 1), ("departures", 1), ("median_days", 0), ("p90_days", 0), ("agreements", 0)] {
            assert_eq!(sa[k], n, "{k}: {v}");
        }
        assert_eq!(v["total"]["departures"], 1);
        let by_occupation: Value = app.get_api("/api/v1/admin/placement-stats?by=occupation", Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(by_occupation["rows"][0]["group"], "7411");
        let agreement: Value = app.get_api("/api/v1/admin/placement-stats?by=agreement", Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(agreement["rows"][0]["group"], "none");
        // A period before it all counts nothing.
        let before: Value = app.get_api("/api/v1/admin/placement-stats?from=2020-01-01&to=2020-12-31", Some(&admin.token)).await.json().await.unwrap();
        assert!(before["rows"].as_array().unwrap().is_empty());
        // CSV, bad input, and who may read.
        let csv = app.get_api("/api/v1/admin/placement-stats?format=csv", Some(&analyst.token)).await.text().await.unwrap();
        assert!(csv.starts_with("group,agreements,demands") && csv.contains("\nSA,0,1,3,1,1,1,1,1,0,0\n") && csv.contains("\ntotal,"), "{csv}");
        assert_eq!(app.get_api("/api/v1/admin/placement-stats?from=2026-13-01", Some(&admin.token)).await.status(), 422);
        assert_eq!(app.get_api("/api/v1/admin/placement-stats?from=2026-12-31&to=2026-01-01", Some(&admin.token)).await.status(), 422);
        assert_eq!(app.get_api("/api/v1/admin/placement-stats", Some(&org)).await.status(), 403);
        assert_eq!(app.get_api("/api/v1/admin/placement-stats", Some(&a.token)).await.status(), 403);
    }
}
