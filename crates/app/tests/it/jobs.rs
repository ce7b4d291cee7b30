//! Jobs for workers (issue 14, item 4): only a worker with a valid certificate sees approved,
//! open demands; by default those that fit their intended move; they say they are interested
//! once, the organisation sees how many, and the worker's download lists it.

use reqwest::Method;
use serde_json::{Value, json};

use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;

async fn approved_demand(
    app: &crate::harness::TestApp,
    admin: &str,
    org: &str,
    country: &str,
    occupation: &str,
) -> (String, String) {
    let closes = (app.state.clock.now().date_naive() + chrono::Days::new(10)).to_string();
    let d = json!({ "country": country, "city": "Doha", "occupation": occupation, "positions": "5", "salary_min": "2500", "salary_max": "3000", "currency": "QAR", "contract_months": "24", "benefits": ["food"], "closes_on": closes });
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

on_both! {
    async fn only_a_certified_worker_sees_jobs_and_says_they_are_interested(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 170).await;
        let (_, org) = approved_oep(&app, &admin.token, 4, "1004/ISB").await;
        let (driver, number) = approved_demand(&app, &admin.token, &org, "QA", "8322").await;
        let (_cook, _) = approved_demand(&app, &admin.token, &org, "SA", "5120").await;
        // A demand OEC has not approved is never shown.
        let closes = (app.state.clock.now().date_naive() + chrono::Days::new(30)).to_string();
        let pending = json!({ "country": "QA", "city": "Doha", "occupation": "8322", "positions": "5", "salary_min": "1", "salary_max": "2", "currency": "QAR", "contract_months": "24", "closes_on": closes });
        assert_eq!(app.post_api("/api/v1/organisation/demands", pending, Some(&org)).await.status(), 201);

        // Without a certificate: nothing, with the reason.
        let uncertified = app.trainee(171).await;
        let res = app.get_api("/api/v1/me/jobs", Some(&uncertified.token)).await;
        assert_eq!(res.status(), 403);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "jobs_need_certificate");
        assert_eq!(app.get_api(&format!("/api/v1/me/jobs/{driver}"), Some(&uncertified.token)).await.status(), 403);
        assert_eq!(app.post_api(&format!("/api/v1/me/jobs/{driver}/interest"), json!({}), Some(&uncertified.token)).await.status(), 403);
        // Organisation users are not workers.
        assert_eq!(app.get_api("/api/v1/me/jobs", Some(&org)).await.status(), 403);

        // Certified, with no intended move: every open job.
        let (t, _, _) = certified(&app, &course, 172).await;
        let all: Value = app.get_api("/api/v1/me/jobs", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(all["fitting"], false);
        assert_eq!(all["jobs"].as_array().unwrap().len(), 2);
        // With an intended move to Qatar as a driver: the one that fits; all=yes for the rest.
        let m = json!({ "destination": "QA", "occupation": "8322" });
        assert_eq!(app.request(Method::PUT, "/api/v1/me/intended-move", Some(m), Some(&t.token), &[]).await.status(), 204);
        let fit: Value = app.get_api("/api/v1/me/jobs", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(fit["fitting"], true);
        assert_eq!(fit["jobs"].as_array().unwrap().len(), 1);
        assert_eq!(fit["jobs"][0]["number"], number.as_str());
        assert_eq!(fit["jobs"][0]["organisation_licence"], "1004/ISB");
        let every: Value = app.get_api("/api/v1/me/jobs?all=yes", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(every["jobs"].as_array().unwrap().len(), 2);

        // Interested, once; the organisation sees the count; the download lists it.
        let url = format!("/api/v1/me/jobs/{driver}/interest");
        assert_eq!(app.post_api(&url, json!({}), Some(&t.token)).await.status(), 204);
        assert_eq!(app.post_api(&url, json!({}), Some(&t.token)).await.status(), 204);
        let one: Value = app.get_api(&format!("/api/v1/me/jobs/{driver}"), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(one["interested"], true);
        let mine: Value = app.get_api(&format!("/api/v1/organisation/demands/{driver}"), Some(&org)).await.json().await.unwrap();
        assert_eq!(mine["interested"], 1);
        let export: Value = app.get_api("/api/v1/me/export", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(export["records"]["job_interests"][0][0], number.as_str(), "{}", export["records"]);
        assert_eq!(app.audit_actions().await.iter().filter(|a| *a == "demand.interest").count(), 1);

        // The page, in Urdu.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/jobs").await;
        assert_eq!(status, 200);
        assert!(html.contains("بیرونِ ملک نوکریاں") && html.contains(&format!("/jobs/{driver}")), "{html}");
        let (_, _, html) = app.get_page(&format!("/jobs/{driver}")).await;
        assert!(html.contains("آپ دلچسپی رکھتے ہیں") || html.contains("ہم نے آجر کو بتا دیا ہے"), "{html}");

        // A closed demand is gone from the list.
        app.advance(11 * 86400);
        softskills::orgs::demands::close_due(&app.state).await.unwrap();
        assert_eq!(app.get_api(&format!("/api/v1/me/jobs/{driver}"), Some(&t.token)).await.status(), 404);
    }
}
