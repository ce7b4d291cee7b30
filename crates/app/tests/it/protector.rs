//! The protector check: officers look a worker up by CNIC + passport or by QR and record the
//! stamp once per journey; BE&OE systems do the same with scoped, revocable clients; every check
//! is shown to the worker.

use base64::Engine;
use reqwest::Method;
use serde_json::{Value, json};

use crate::exam::certified;
use crate::harness::{TestApp, Trainee};
use crate::learning::with_course;
use crate::on_both;

thread_local! {
    /// The service's "today" (Pakistan time), set by each test.
    static TODAY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn set_today(app: &TestApp) -> String {
    let today = app.state.clock.today().to_string();
    TODAY.with(|d| *d.borrow_mut() = today.clone());
    today
}

pub async fn officer(app: &TestApp, n: u32, office: &str) -> Trainee {
    let mobile = format!("0346{:07}", 8_000_000 + n);
    softskills::admin::service::create_staff(
        &app.state,
        softskills::admin::service::Actor::Cli,
        &softskills::admin::service::StaffInput {
            role: "protector_officer".into(),
            full_name: "Officer Shahid Mehmood".into(),
            mobile: mobile.clone(),
            password: "protector office 2026".into(),
            office: office.into(),
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap();
    let res: Value = app
        .post_api(
            "/api/v1/sessions",
            json!({ "identifier": mobile, "password": "protector office 2026" }),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    Trainee {
        token: res["token"].as_str().unwrap().into(),
        mobile,
        password: "protector office 2026".into(),
        ..Trainee::numbered(800 + n)
    }
}

fn stamp_body(t: &Trainee, number: &str) -> Value {
    json!({ "cnic": t.cnic, "passport_number": t.passport, "protector_number": number, "stamped_on": TODAY.with(|d| d.borrow().clone()), "destination": "SA", "employer": "Al Rajhi Construction (OEP: Falcon Manpower)", "visa_type": "work" })
}

on_both! {
    async fn officers_check_and_stamp_once_per_journey(app) {
        let course = with_course(&app).await;
        let (t, _, text) = certified(&app, &course, 601).await;
        let today = set_today(&app);
        // Officers need an office; others are refused.
        let bad = softskills::admin::service::create_staff(&app.state, softskills::admin::service::Actor::Cli, &softskills::admin::service::StaffInput { role: "protector_officer".into(), full_name: "No Office".into(), mobile: "03467000001".into(), password: "protector office 2026".into(), ..Default::default() }, None).await;
        assert!(matches!(bad, Err(softskills::error::AppError::Fields(_))));
        assert_eq!(app.post_api("/api/v1/protector/lookups", json!({ "cnic": t.cnic, "passport_number": t.passport }), Some(&t.token)).await.status(), 403);
        let o = officer(&app, 1, "LHR").await;

        // By CNIC + passport.
        let f: Value = app.post_api("/api/v1/protector/lookups", json!({ "cnic": t.cnic, "passport_number": t.passport }), Some(&o.token)).await.json().await.unwrap();
        assert_eq!(f["found"], true);
        assert_eq!(f["full_name"], t.name.as_str());
        assert_eq!(f["passport_matches"], true);
        assert_eq!(f["certificate"]["status"], "valid");
        let wrong: Value = app.post_api("/api/v1/protector/lookups", json!({ "cnic": t.cnic, "passport_number": "ZZ9999999" }), Some(&o.token)).await.json().await.unwrap();
        assert_eq!(wrong["passport_matches"], false);
        assert!(wrong["full_name"].is_null() && wrong["certificate"].is_null(), "a CNIC with another passport learns nothing more: {wrong}");
        let nobody: Value = app.post_api("/api/v1/protector/lookups", json!({ "cnic": "35202-9999999-1", "passport_number": "AB1234567" }), Some(&o.token)).await.json().await.unwrap();
        assert_eq!(nobody["found"], false);
        let lookups = app.audit_actions().await.iter().filter(|a| *a == "protector.lookup").count();
        assert!(lookups >= 3, "looking up nobody is recorded too");
        let bad = app.post_api("/api/v1/protector/lookups", json!({ "cnic": "123", "passport_number": "" }), Some(&o.token)).await;
        assert_eq!(bad.status(), 422);
        // By QR.
        let q: Value = app.post_api("/api/v1/protector/lookups", json!({ "qr": text }), Some(&o.token)).await.json().await.unwrap();
        assert_eq!(q["full_name"], t.name.as_str());
        assert_eq!(app.post_api("/api/v1/protector/lookups", json!({ "qr": "PSS1:AAAA" }), Some(&o.token)).await.status(), 400);

        // The stamp: once per journey; the same again is the same stamp; other details refused.
        let res = app.post_api("/api/v1/protector/stamps", stamp_body(&t, "LHR-2026-000123"), Some(&o.token)).await;
        assert_eq!(res.status(), 201);
        let again = app.post_api("/api/v1/protector/stamps", stamp_body(&t, "LHR-2026-000123"), Some(&o.token)).await;
        assert_eq!(again.status(), 200);
        let mut other = stamp_body(&t, "LHR-2026-000123");
        other["destination"] = json!("AE");
        let res = app.post_api("/api/v1/protector/stamps", other, Some(&o.token)).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "protector_number_used");
        // Another office sending the same details never gets this office's stamp back.
        let elsewhere = officer(&app, 5, "ISB").await;
        let res = app.post_api("/api/v1/protector/stamps", stamp_body(&t, "LHR-2026-000123"), Some(&elsewhere.token)).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("protector_number_used") && !body.contains("\"office\""), "{body}");
        let mut future = stamp_body(&t, "LHR-2026-000124");
        future["stamped_on"] = json!("2099-01-01");
        future["visa_type"] = json!("tourist");
        let res: Value = app.post_api("/api/v1/protector/stamps", future, Some(&o.token)).await.json().await.unwrap();
        let codes: Vec<&str> = res["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"date_in_future") && codes.contains(&"choose_option"), "{codes:?}");
        assert_eq!(app.count("protector_stamps").await, 1);
        let day: Value = app.get_api(&format!("/api/v1/protector/stamps?date={today}"), Some(&o.token)).await.json().await.unwrap();
        assert_eq!(day.as_array().unwrap().len(), 1);
        assert_eq!(day[0]["full_name"], t.name.as_str());
        // Another office's list does not show it.
        let o2 = officer(&app, 2, "KHI").await;
        let other_day: Value = app.get_api(&format!("/api/v1/protector/stamps?date={today}"), Some(&o2.token)).await.json().await.unwrap();
        assert!(other_day.as_array().unwrap().is_empty());

        // The worker sees who checked.
        let checks: Value = app.get_api("/api/v1/me/certificate-checks", Some(&t.token)).await.json().await.unwrap();
        let vias: Vec<&str> = checks.as_array().unwrap().iter().map(|c| c["via"].as_str().unwrap()).collect();
        assert!(vias.contains(&"lookup") && vias.contains(&"qr") && vias.contains(&"stamp"), "{vias:?}");
        assert!(checks[0]["by"].as_str().unwrap().contains("Lahore"));
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"protector.lookup".to_owned()) && actions.contains(&"protector.stamped".to_owned()));
    }

    async fn beoe_systems_use_scoped_revocable_clients(app) {
        let course = with_course(&app).await;
        let (t, _, _) = certified(&app, &course, 602).await;
        set_today(&app);
        let admin = app.staff("administrator", 9).await;
        // Only administrators register clients; the secret is shown once.
        assert_eq!(app.post_api("/api/v1/admin/api-clients", json!({ "name": "x", "scopes": ["certificates:read"] }), Some(&t.token)).await.status(), 403);
        let bad = app.post_api("/api/v1/admin/api-clients", json!({ "name": "BE&OE", "scopes": ["stamps:write"] }), Some(&admin.token)).await;
        assert_eq!(bad.status(), 422, "stamps need an office");
        let reader: Value = app.post_api("/api/v1/admin/api-clients", json!({ "name": "BE&OE e-Protector (read)", "scopes": ["certificates:read"], "office": "LHR" }), Some(&admin.token)).await.json().await.unwrap();
        let writer: Value = app.post_api("/api/v1/admin/api-clients", json!({ "name": "BE&OE e-Protector", "scopes": ["certificates:read", "stamps:write"], "office": "ISB" }), Some(&admin.token)).await.json().await.unwrap();
        let basic = |c: &Value| format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c["client_id"].as_str().unwrap(), c["client_secret"].as_str().unwrap())));
        let status_path = format!("/api/v1/beoe/certificate-status?cnic={}&passport_number={}", t.cnic, t.passport);
        let res = app.request(Method::GET, &status_path, None, None, &[("authorization", &basic(&reader))]).await;
        assert_eq!(res.status(), 200);
        let f: Value = res.json().await.unwrap();
        assert_eq!(f["certificate"]["status"], "valid");
        assert_eq!(f["passport_matches"], true);
        // A wrong secret, no credentials: 401.
        let wrong = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:nope", reader["client_id"].as_str().unwrap())));
        assert_eq!(app.request(Method::GET, &status_path, None, None, &[("authorization", &wrong)]).await.status(), 401);
        assert_eq!(app.get_api(&status_path, None).await.status(), 401);
        // Scopes: the reader cannot stamp.
        let body = stamp_body(&t, "ISB-2026-777");
        let res = app.request(Method::POST, "/api/v1/beoe/stamps", Some(body.clone()), None, &[("authorization", &basic(&reader)), ("idempotency-key", "k1")]).await;
        assert_eq!(res.status(), 403);
        // An idempotency key is required; a retry returns the first stamp.
        let res = app.request(Method::POST, "/api/v1/beoe/stamps", Some(body.clone()), None, &[("authorization", &basic(&writer))]).await;
        assert_eq!(res.status(), 400);
        let first = app.request(Method::POST, "/api/v1/beoe/stamps", Some(body.clone()), None, &[("authorization", &basic(&writer)), ("idempotency-key", "k1")]).await;
        assert_eq!(first.status(), 201);
        let retry = app.request(Method::POST, "/api/v1/beoe/stamps", Some(body), None, &[("authorization", &basic(&writer)), ("idempotency-key", "k1")]).await;
        assert_eq!(retry.status(), 200);
        assert_eq!(retry.json::<Value>().await.unwrap()["office"], "ISB");
        // The same key for another stamp is refused.
        let res = app.request(Method::POST, "/api/v1/beoe/stamps", Some(stamp_body(&t, "ISB-2026-778")), None, &[("authorization", &basic(&writer)), ("idempotency-key", "k1")]).await;
        assert_eq!(res.status(), 400);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "idempotency_key_reused");
        // Every client works for an open office: none is registered without one, and a client
        // whose office closes loses every right, reads included.
        let res = app.post_api("/api/v1/admin/api-clients", json!({ "name": "no office", "scopes": ["certificates:read"] }), Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        // A name that would read differently to the worker (U+202E flips it) is refused.
        let res = app.request(Method::POST, "/api/v1/admin/api-clients", Some(json!({ "name": "BE&OE \u{202E}ecifO", "scopes": ["certificates:read"], "office": "LHR" })), Some(&admin.token), &[("accept-language", "ur")]).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errors"][0]["code"], "text_hidden_characters");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("چھپا ہوا نشان"), "{body}");
        let closed = json!({ "name_en": "Protector of Emigrants, Islamabad", "name_ur": "پروٹیکٹر آف ایمیگرنٹس، اسلام آباد", "active": false });
        assert_eq!(app.request(Method::PUT, "/api/v1/admin/offices/ISB", Some(closed), Some(&admin.token), &[]).await.status(), 204);
        assert_eq!(app.request(Method::GET, &status_path, None, None, &[("authorization", &basic(&writer))]).await.status(), 403);
        assert_eq!(app.request(Method::GET, &status_path, None, None, &[("authorization", &basic(&reader))]).await.status(), 200, "another office's client still reads");
        // Revoked: the secret stops working.
        let id = reader["client_id"].as_str().unwrap();
        assert_eq!(app.request(Method::DELETE, &format!("/api/v1/admin/api-clients/{id}"), None, Some(&admin.token), &[]).await.status(), 204);
        assert_eq!(app.request(Method::GET, &status_path, None, None, &[("authorization", &basic(&reader))]).await.status(), 401);
        // The worker sees the system's checks.
        let checks: Value = app.get_api("/api/v1/me/certificate-checks", Some(&t.token)).await.json().await.unwrap();
        assert!(checks.as_array().unwrap().iter().any(|c| c["via"] == "api" && c["by"] == "Protector of Emigrants, Lahore"), "the office the system works for: {checks}");
        // Administrators keep the office list current.
        let office = json!({ "name_en": "Protector of Emigrants, Gujranwala", "name_ur": "پروٹیکٹر آف ایمیگرنٹس، گوجرانوالہ", "active": true });
        assert_eq!(app.request(Method::PUT, "/api/v1/admin/offices/GRW", Some(office.clone()), Some(&t.token), &[]).await.status(), 403);
        assert_eq!(app.request(Method::PUT, "/api/v1/admin/offices/GRW", Some(office), Some(&admin.token), &[]).await.status(), 204);
        let list: Value = app.get_api("/api/v1/protector/offices", None).await.json().await.unwrap();
        assert!(list.as_array().unwrap().iter().any(|o| o["code"] == "GRW"));
        let bad = json!({ "name_en": "", "name_ur": "", "active": true });
        assert_eq!(app.request(Method::PUT, "/api/v1/admin/offices/G!", Some(bad), Some(&admin.token), &[]).await.status(), 422);
        // The endpoints are in the OpenAPI document.
        let doc: Value = app.get_api("/api/openapi.json", None).await.json().await.unwrap();
        assert!(doc["paths"]["/api/v1/beoe/stamps"]["post"].is_object());
        assert!(doc["components"]["securitySchemes"]["basic"].is_object());
    }
    async fn officers_use_the_web_pages(app) {
        let course = with_course(&app).await;
        let (t, _, _) = certified(&app, &course, 603).await;
        let today = set_today(&app);
        let o = officer(&app, 3, "PEW").await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &o.mobile), ("password", &o.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, _, html) = app.get_page("/protector").await;
        assert_eq!(status, 200);
        assert!(html.contains("Peshawar"));
        // A typing mistake is explained next to the field.
        let (status, _, html) = app.post_form("/protector", &[("_csrf", &csrf), ("cnic", "12345"), ("passport_number", &t.passport)]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"cnic-error\""), "{html}");
        let (status, _, html) = app.post_form("/protector", &[("_csrf", &csrf), ("cnic", &t.cnic), ("passport_number", &t.passport)]).await;
        assert_eq!(status, 200);
        assert!(html.contains(&t.name) && html.contains("action=\"/protector/stamp\""));
        let (status, headers, _) = app.post_form("/protector/stamp", &[("_csrf", &csrf), ("cnic", &t.cnic), ("passport_number", &t.passport), ("protector_number", "PEW-2026-55"), ("stamped_on", &today), ("destination", "QA"), ("employer", "Qatar Building Co."), ("visa_type", "work")]).await;
        assert_eq!(status, 303);
        let (_, _, day) = app.get_page(headers["location"].to_str().unwrap()).await;
        assert!(day.contains("PEW-2026-55") && day.contains(&t.name));
        // A missing field is refused with its message, nothing recorded (not even a check).
        let checks_before = app.count("certificate_checks").await;
        let (status, _, _) = app.post_form("/protector/stamp", &[("_csrf", &csrf), ("cnic", &t.cnic), ("passport_number", &t.passport), ("protector_number", ""), ("stamped_on", &today), ("destination", "QA"), ("employer", ""), ("visa_type", "work")]).await;
        assert_eq!(status, 422);
        assert_eq!(app.count("protector_stamps").await, 1);
        assert_eq!(app.count("certificate_checks").await, checks_before);
        // The worker's certificate page lists the checks.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let (_, _, mine) = app.get_page("/certificate").await;
        assert!(mine.contains("Protector of Emigrants, Peshawar") && mine.contains("recorded the protector stamp"), "{mine}");
    }

}

/// Whether the dashboard shows the step titled `title` as done.
fn step_done(html: &str, title: &str) -> bool {
    let item = html
        .split("<li class=\"")
        .find(|li| li.contains(&format!(">{title}<")))
        .unwrap_or_else(|| panic!("no step {title:?} in {html}"));
    item.starts_with("done\"")
}

on_both! {
    async fn the_dashboard_follows_the_journey_to_the_stamp(app) {
        let course = with_course(&app).await;
        let (t, _, _) = certified(&app, &course, 603).await;
        set_today(&app);
        let o = officer(&app, 3, "LHR").await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        let (status, _, _) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.mobile), ("password", &t.password)]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page("/dashboard").await;
        for step in ["Learn", "Final test", "Certificate"] {
            assert!(step_done(&html, step), "{step} is done after the pass");
        }
        assert!(!step_done(&html, "Protector of Emigrants"), "no stamp yet");
        let res = app.post_api("/api/v1/protector/stamps", stamp_body(&t, "LHR-2026-000603"), Some(&o.token)).await;
        assert_eq!(res.status(), 201);
        let (_, _, html) = app.get_page("/dashboard").await;
        assert!(step_done(&html, "Protector of Emigrants"), "the stamp is the journey's last step");
    }
}
