//! Grading sampled reflections, and the course settings administrators fill.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};
use crate::learning::with_course;
use crate::on_both;

async fn post(app: &TestApp, t: &Trainee, path: &str, body: Value) -> reqwest::Response {
    app.request(Method::POST, path, Some(body), Some(&t.token), &[])
        .await
}

/// A sampled reflection waits for a grader; only graders see it, blind; accepting it completes
/// the task, returning it asks for another try.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sampled_reflections_are_graded_blind() {
    let dir = std::env::temp_dir().join(format!("psk-grading-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.learning.reflection_sample_percent = 100;
    let app = TestApp::start(cfg, dir, None).await;
    let course = with_course(&app).await;
    let task = course
        .module("com")
        .unwrap()
        .tasks
        .iter()
        .find(|t| t.kind == psk_course::TaskKind::Reflection)
        .unwrap()
        .clone();
    let t = app.trainee(204).await;
    let text = "I would stop and tell the foreman at once, calmly, showing him the loose rail. I would keep the others away until it is fixed and write down the time, so the same danger does not hurt anyone tomorrow on the site.";
    let res: Value = post(
        &app,
        &t,
        &format!("/api/v1/learning/tasks/{}/submissions", task.id),
        json!({ "text": text }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(res["state"], "awaiting_grading");
    // A fresh answer cannot replace one waiting for a grader.
    let again = post(
        &app,
        &t,
        &format!("/api/v1/learning/tasks/{}/submissions", task.id),
        json!({ "text": text }),
    )
    .await;
    assert_eq!(again.status(), 410);
    assert_eq!(
        again.json::<Value>().await.unwrap()["code"],
        "task_awaiting_grading"
    );

    // A trainee cannot open the grading pages.
    app.clear_cookies();
    let csrf = app.csrf("/sign-in").await;
    app.post_form(
        "/sign-in",
        &[
            ("_csrf", &csrf),
            ("identifier", &t.cnic),
            ("password", &t.password),
        ],
    )
    .await;
    let (status, _, _) = app.get_page("/grading").await;
    assert_eq!(status, 403);

    let grader = app.staff("grader", 5).await;
    app.clear_cookies();
    let csrf = app.csrf("/sign-in").await;
    app.post_form(
        "/sign-in",
        &[
            ("_csrf", &csrf),
            ("identifier", &grader.mobile),
            ("password", &grader.password),
        ],
    )
    .await;
    let csrf = app.csrf("/dashboard").await; // a new token after sign-in
    let (status, _, html) = app.get_page("/grading").await;
    assert_eq!(status, 200);
    assert!(!html.contains(&t.name), "grading is blind");
    let id = crate::harness::extract_between(&html, "href=\"/grading/", "\"").unwrap();
    let (_, _, form) = app.get_page(&format!("/grading/{id}")).await;
    assert!(form.contains("foreman") && !form.contains(&t.cnic));
    // Returning needs a note.
    let (status, _, _) = app
        .post_form(
            &format!("/grading/{id}"),
            &[("_csrf", &csrf), ("decision", "return")],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _, _) = app
        .post_form(
            &format!("/grading/{id}"),
            &[
                ("_csrf", &csrf),
                ("decision", "accept"),
                ("criterion_1", "on"),
                ("criterion_2", "on"),
                ("criterion_3", "on"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let p: Value = app
        .get_api("/api/v1/learning", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    let state = p["modules"][0]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == task.id.as_str())
        .unwrap()["state"]
        .clone();
    assert_eq!(state, "done");
    assert!(
        app.audit_actions()
            .await
            .contains(&"task.graded".to_owned())
    );
    // Graded once: a second decision finds nothing.
    let (status, _, _) = app
        .post_form(
            &format!("/grading/{id}"),
            &[("_csrf", &csrf), ("decision", "accept")],
        )
        .await;
    assert_eq!(status, 404);
}

on_both! {
    async fn administrators_fill_the_facts_lessons_cite(app) {
        with_course(&app).await;
        let t = app.trainee(205).await;
        let lesson: Value = app.get_api("/api/v1/learning/lessons/safe-4", Some(&t.token)).await.json().await.unwrap();
        assert!(lesson["body"].as_str().unwrap().contains("{{setting:opf_helpline}}"), "unset settings stay marked in the API");

        // A trainee cannot change settings.
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, _, _) = app.post_form("/admin/settings", &[("_csrf", &csrf), ("setting_opf_helpline", "1234")]).await;
        assert_eq!(status, 403);
        let (_, _, html) = app.get_page("/learn/lessons/safe-4").await;
        assert!(html.contains("not yet given here: ask at the Protector office"), "an unset value never shows an invented number");
        // A value the content gives with its official source is shown (Saudi Arabia's emergency numbers).
        assert!(html.contains("<strong dir=\"auto\">911 / 999</strong>"), "sourced values are shown");

        let admin = app.staff("administrator", 6).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, _, html) = app.get_page("/admin/settings").await;
        assert_eq!(status, 200);
        assert!(html.contains("setting_opf_helpline"));
        // Every setting without a value is listed as a launch blocker, here and on the dashboard.
        let blockers = softskills::admin::settings::unset(&app.state).await.unwrap();
        assert!(blockers.iter().any(|(k, _)| k == "opf_helpline"));
        assert!(!blockers.iter().any(|(k, _)| k == "emergency_number_kw"), "a sourced value is not a blocker");
        let title = format!("Launch blockers: {} course settings have no value", blockers.len());
        assert!(html.contains("id=\"launch-blockers\"") && html.contains(&title), "{html}");
        let (_, _, dashboard) = app.get_page("/dashboard").await;
        assert!(dashboard.contains(&title));
        let (status, _, _) = app.post_form("/admin/settings", &[("_csrf", &csrf), ("setting_opf_helpline", "OPF-HELP-LINE-TEST")]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page("/admin/settings").await;
        assert!(html.contains(&format!("Launch blockers: {} course settings have no value", blockers.len() - 1)));
        let (status, _, _) = app.post_form("/admin/settings", &[("_csrf", &csrf), ("setting_not_a_setting", "x")]).await;
        assert_eq!(status, 400);
        assert!(app.audit_actions().await.contains(&"content.setting_changed".to_owned()));

        let lesson: Value = app.get_api("/api/v1/learning/lessons/safe-4", Some(&t.token)).await.json().await.unwrap();
        assert!(lesson["body"].as_str().unwrap().contains("OPF-HELP-LINE-TEST"));
    }
}
