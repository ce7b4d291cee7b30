//! Candidate search, consent first (issue 14, item 5): only workers with a valid certificate
//! AND the consent to share with employers are ever found or opened; a withdrawal or a revoked
//! certificate counts on the next request; results carry no name or contact details, are
//! ranked with reasons; every profile view is recorded, audited, shown to the worker and
//! counted against the daily allowance; an organisation filters only by its own demands.

use reqwest::Method;
use serde_json::{Value, json};

use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::organisations::approved_oep;
use crate::people::Trainee;

/// An electrician who wants to go to Saudi Arabia, has two years of it and speaks Arabic.
pub async fn electrician(app: &crate::harness::TestApp, t: &Trainee, consent: bool) {
    let tok = Some(t.token.as_str());
    let m = json!({ "destination": "SA", "occupation": "7411" });
    assert_eq!(
        app.request(Method::PUT, "/api/v1/me/intended-move", Some(m), tok, &[])
            .await
            .status(),
        204
    );
    let job = json!({ "employer": "Al Noor Contracting", "job_title": "Site electrician", "occupation": "7411", "country": "SA", "from": "2020-01", "to": "2021-12" });
    assert_eq!(
        app.post_api("/api/v1/me/employment", job, tok)
            .await
            .status(),
        201
    );
    let skills = json!({ "skills": "Solar panels, industrial wiring", "languages": ["ar", "ur"], "driving_licence": true });
    assert_eq!(
        app.request(Method::PUT, "/api/v1/me/skills", Some(skills), tok, &[])
            .await
            .status(),
        204
    );
    if consent {
        set_consent(app, t, true).await;
    }
}

async fn set_consent(app: &crate::harness::TestApp, t: &Trainee, granted: bool) {
    let url = "/api/v1/me/consents/share_with_employers";
    let res = app
        .request(
            Method::PUT,
            url,
            Some(json!({ "granted": granted })),
            Some(&t.token),
            &[],
        )
        .await;
    assert_eq!(res.status(), 204);
}

async fn found(app: &crate::harness::TestApp, org: &str, query: &str) -> Vec<String> {
    let res = app
        .get_api(
            &format!("/api/v1/organisation/candidates?{query}"),
            Some(org),
        )
        .await;
    assert_eq!(res.status(), 200, "{query}");
    let v: Value = res.json().await.unwrap();
    v["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

on_both! {
    async fn only_certified_consenting_workers_are_found_and_withdrawal_counts_at_once(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 180).await;
        let (_, org) = approved_oep(&app, &admin.token, 5, "1005/ISB").await;
        let (a, cert_a, _) = certified(&app, &course, 181).await;
        electrician(&app, &a, true).await;
        let (b, _, _) = certified(&app, &course, 182).await;
        electrician(&app, &b, false).await;
        let c = app.trainee(183).await;
        electrician(&app, &c, true).await;

        // Only A: B has not agreed, C has no certificate.
        assert_eq!(found(&app, &org, "occupation=7411").await, std::slice::from_ref(&a.user_id));
        let v: Value = app.get_api("/api/v1/organisation/candidates?occupation=7411&country=SA", Some(&org)).await.json().await.unwrap();
        let hit = &v["found"][0];
        assert_eq!(v["total"], 1);
        assert_eq!(hit["age_band"], "25-29");
        assert_eq!(hit["district"], "PB-LAHORE");
        assert_eq!(hit["languages"], json!(["ar", "ur"]));
        assert_eq!(hit["experience_years"], 2);
        assert_eq!(hit["points"], 4 + 2 + 2 + 2);
        assert_eq!(hit["reasons"], json!(["wants_occupation", "worked_in_occupation", "wants_destination", "years_of_work"]));
        // Nothing to reach or name the worker by.
        let text = v.to_string();
        for secret in [a.name.as_str(), &a.cnic, &a.mobile, &a.passport, "1998-04-12"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        // Words over skills and work history, languages, the licence; the other filters.
        assert_eq!(found(&app, &org, "text=solar+wiring").await.len(), 1);
        assert_eq!(found(&app, &org, "text=sol").await.len(), 1, "the start of a word");
        assert!(found(&app, &org, "text=plumbing").await.is_empty());
        assert_eq!(found(&app, &org, "languages=ar&driving_licence=yes").await.len(), 1);
        assert!(found(&app, &org, "languages=ko").await.is_empty());
        assert!(found(&app, &org, "occupation=7411&experience_years=3").await.is_empty());
        assert!(found(&app, &org, "occupation=7411&education=bachelor").await.is_empty());
        assert_eq!(found(&app, &org, "district=PB-LAHORE").await.len(), 1);

        // Bad input, with the field named; nothing asked is refused.
        let res = app.get_api("/api/v1/organisation/candidates", Some(&org)).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "search_needs_criterion");
        let res = app.get_api("/api/v1/organisation/candidates?occupation=12&page=99", Some(&org)).await;
        assert_eq!(res.status(), 422);
        // Workers and staff do not search.
        assert_eq!(app.get_api("/api/v1/organisation/candidates?occupation=7411", Some(&a.token)).await.status(), 403);

        // A withdrawal counts on the next request, in the search and on the profile.
        let profile = format!("/api/v1/organisation/candidates/{}", a.user_id);
        assert_eq!(app.get_api(&profile, Some(&org)).await.status(), 200);
        set_consent(&app, &a, false).await;
        assert!(found(&app, &org, "occupation=7411").await.is_empty());
        assert_eq!(app.get_api(&profile, Some(&org)).await.status(), 404);
        for other in [&b, &c] {
            let url = format!("/api/v1/organisation/candidates/{}", other.user_id);
            assert_eq!(app.get_api(&url, Some(&org)).await.status(), 404);
        }
        set_consent(&app, &a, true).await;
        assert_eq!(found(&app, &org, "occupation=7411").await.len(), 1);
        // So does a revoked certificate.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{cert_a}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert!(res.status().is_success());
        assert!(found(&app, &org, "occupation=7411").await.is_empty());
        assert_eq!(app.get_api(&profile, Some(&org)).await.status(), 404);
    }

    async fn the_worker_sees_every_view_and_interest_filters_only_by_own_demands(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 185).await;
        let (_, org) = approved_oep(&app, &admin.token, 6, "1006/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 7, "1007/ISB").await;
        let (a, _, _) = certified(&app, &course, 186).await;
        electrician(&app, &a, true).await;

        let url = format!("/api/v1/organisation/candidates/{}", a.user_id);
        let p: Value = app.get_api(&url, Some(&org)).await.json().await.unwrap();
        assert_eq!(p["work"][0]["job_title"], "Site electrician");
        assert_eq!(p["skills"], "Solar panels, industrial wiring");
        assert!(p.get("full_name").is_none() && p.get("mobile").is_none());
        let views: Value = app.get_api("/api/v1/me/profile-views", Some(&a.token)).await.json().await.unwrap();
        assert_eq!(views.as_array().unwrap().len(), 1);
        assert_eq!(views[0]["organisation_kind"], "oep");
        assert!(app.audit_actions().await.contains(&"candidate.profile_viewed".to_owned()));
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &a.cnic), ("password", &a.password)]).await;
        let (status, _, page) = app.get_page("/my-data/profile-views").await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(views[0]["organisation"].as_str().unwrap()), "{page}");
        app.clear_cookies();

        // A demand of mine filters by interest; another organisation's is unknown to me.
        let closes = (app.state.clock.now().date_naive() + chrono::Days::new(10)).to_string();
        let d = json!({ "country": "SA", "city": "Riyadh", "occupation": "7411", "positions": "5", "salary_min": "2500", "salary_max": "3000", "currency": "SAR", "contract_months": "24", "closes_on": closes });
        let mine: Value = app.post_api("/api/v1/organisation/demands", d.clone(), Some(&org)).await.json().await.unwrap();
        let theirs: Value = app.post_api("/api/v1/organisation/demands", d, Some(&other)).await.json().await.unwrap();
        for x in [&mine, &theirs] {
            let res = app.post_api(&format!("/api/v1/admin/demands/{}/review", x["id"].as_str().unwrap()), json!({ "approve": true }), Some(&admin.token)).await;
            assert_eq!(res.status(), 200);
        }
        let number = mine["number"].as_str().unwrap();
        assert!(found(&app, &org, &format!("demand={number}")).await.is_empty());
        let interest = format!("/api/v1/me/jobs/{}/interest", mine["id"].as_str().unwrap());
        assert_eq!(app.post_api(&interest, json!({}), Some(&a.token)).await.status(), 204);
        assert_eq!(found(&app, &org, &format!("demand={number}")).await.len(), 1);
        let res = app.get_api(&format!("/api/v1/organisation/candidates?demand={}", theirs["number"].as_str().unwrap()), Some(&org)).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "demand_unknown");
    }
}

on_both! {
    with(|c: &mut softskills::config::Config| c.placement.profile_views_per_day = 1)
    async fn the_daily_allowance_counts_different_profiles(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 190).await;
        let (_, org) = approved_oep(&app, &admin.token, 8, "1008/ISB").await;
        let (a, _, _) = certified(&app, &course, 191).await;
        electrician(&app, &a, true).await;
        let (b, _, _) = certified(&app, &course, 192).await;
        electrician(&app, &b, true).await;
        let first = format!("/api/v1/organisation/candidates/{}", a.user_id);
        let v: Value = app.get_api(&first, Some(&org)).await.json().await.unwrap();
        assert_eq!(v["views_left_today"], 0);
        // The same profile again is free; another is refused, with the reason, until tomorrow.
        assert_eq!(app.get_api(&first, Some(&org)).await.status(), 200);
        let res = app.get_api(&format!("/api/v1/organisation/candidates/{}", b.user_id), Some(&org)).await;
        assert_eq!(res.status(), 403);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "profile_views_used_up");
        assert_eq!(app.count("profile_views").await, 2);
        app.advance(86_400);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/candidates/{}", b.user_id), Some(&org)).await.status(), 200);
    }
}

on_both! {
    async fn the_pages_work_without_javascript_in_both_languages(app) {
        let course = with_course(&app).await;
        let admin = app.staff("administrator", 195).await;
        approved_oep(&app, &admin.token, 9, "1009/ISB").await;
        let (a, _, _) = certified(&app, &course, 196).await;
        electrician(&app, &a, true).await;

        // The ranking rule is public.
        app.set_cookie("pss_lang", "ur");
        let (status, _, page) = app.get_page("/placement/ranking").await;
        assert_eq!(status, 200);
        assert!(page.contains("پوائنٹ"), "{page}");
        app.clear_cookies();

        // The worker's skills: a bad language is named and nothing saved; then saved.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &a.cnic), ("password", &a.password)]).await;
        let csrf = app.csrf("/profile/skills").await;
        let (status, _, page) = app.post_form("/profile/skills", &[("_csrf", &csrf), ("skills", "Cable laying"), ("languages", "xx")]).await;
        assert_eq!(status, 422);
        assert!(page.contains("id=\"languages-error\""), "{page}");
        let (status, headers, _) = app.post_form("/profile/skills", &[("_csrf", &csrf), ("skills", "Cable laying"), ("languages", "en"), ("driving_licence", "on")]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/profile/skills?saved=yes");
        let (_, _, page) = app.get_page("/profile/skills?saved=yes").await;
        assert!(page.contains("Cable laying") && page.contains("id=\"language-en\" name=\"languages\" value=\"en\" type=\"checkbox\" checked"), "{page}");
        app.clear_cookies();

        // The organisation's search and the profile, as plain GET forms.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", "03005551609"), ("password", "recruit workers 2027")]).await;
        let (status, _, page) = app.get_page("/organisation/candidates").await;
        assert_eq!(status, 200);
        assert!(!page.contains("id=\"results\""));
        let (status, _, page) = app.get_page("/organisation/candidates?occupation=&text=").await;
        assert_eq!(status, 422);
        assert!(page.contains("id=\"occupation-error\""), "{page}");
        let (status, _, page) = app.get_page("/organisation/candidates?occupation=7411&text=cable").await;
        assert_eq!(status, 200);
        let link = format!("/organisation/candidates/{}", a.user_id);
        assert!(page.contains(&link) && page.contains("1 worker found"), "{page}");
        assert!(!page.contains(&a.name));
        let (status, _, page) = app.get_page(&link).await;
        assert_eq!(status, 200);
        assert!(page.contains("Site electrician") && !page.contains(&a.name), "{page}");
    }
}
