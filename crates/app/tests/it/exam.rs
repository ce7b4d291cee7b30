//! The final test and the certificate: the helpers the tests share (a completed course, the
//! key's answers as tokens, a trainee with a certificate). The tests: `exam_attempts.rs` (the
//! test's rules), `exam_certificates.rs` (issuing, revoking and reissuing, public checks),
//! `exam_signatures.rs` (the signature checked outside the portal), `exam_race.rs`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};

/// Marks the whole course complete in the store (the completion rules have their own tests).
pub async fn complete_course(app: &TestApp, t: &Trainee, course: &psk_course::Course) {
    app.get_api("/api/v1/learning", Some(&t.token)).await;
    let id: uuid::Uuid = t.user_id.parse().unwrap();
    let version = psk_store::course::enrollment(app.state.db.ex(), id)
        .await
        .unwrap()
        .unwrap();
    softskills::loaddata::complete_course(
        app.state.db.ex(),
        id,
        version,
        course,
        app.state.clock.now(),
    )
    .await
    .unwrap();
}

/// The content's key for a question, as the attempt's tokens (matched by English text).
pub fn best_tokens(q: &psk_course::Question, view: &Value) -> Vec<String> {
    let best = psk_course::scoring::best_answer(q.kind, &q.options);
    best.iter()
        .map(|o| {
            view["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["text"] == o.text.en.as_str())
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

pub fn question<'a>(course: &'a psk_course::Course, id: &str) -> &'a psk_course::Question {
    course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter())
        .find(|q| q.id == id)
        .unwrap()
}

pub async fn put_answer(
    app: &TestApp,
    t: &Trainee,
    attempt: &str,
    q: &str,
    options: Vec<String>,
) -> reqwest::Response {
    app.request(
        Method::PUT,
        &format!("/api/v1/test/attempts/{attempt}/answers/{q}"),
        Some(json!({ "options": options })),
        Some(&t.token),
        &[],
    )
    .await
}

/// Answers `right` questions of the attempt correctly and the rest wrongly (or not at all).
pub async fn answer(
    app: &TestApp,
    t: &Trainee,
    course: &psk_course::Course,
    view: &Value,
    right: usize,
) {
    let attempt = view["attempt_id"].as_str().unwrap();
    for (i, q) in view["questions"].as_array().unwrap().iter().enumerate() {
        let id = q["id"].as_str().unwrap();
        if i < right {
            let res = put_answer(app, t, attempt, id, best_tokens(question(course, id), q)).await;
            assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
        }
    }
}

/// A trainee with a certificate: (trainee, certificate number, certificate text).
pub async fn certified(
    app: &TestApp,
    course: &psk_course::Course,
    n: u32,
) -> (Trainee, String, String) {
    let t = app.trainee(n).await;
    complete_course(app, &t, course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(app, &t, course, &v, 40).await;
    app.post_api(
        &format!(
            "/api/v1/test/attempts/{}/submission",
            v["attempt_id"].as_str().unwrap()
        ),
        json!({}),
        Some(&t.token),
    )
    .await;
    let mine: Value = app
        .get_api("/api/v1/me/certificates", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    (
        t,
        mine[0]["number"].as_str().unwrap().to_owned(),
        mine[0]["text"].as_str().unwrap().to_owned(),
    )
}
