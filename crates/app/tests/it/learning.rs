//! Taking the course: completion decided on the server, quizzes scored on the server, tasks,
//! module gates.

use std::path::Path;

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};
use crate::on_both;

pub async fn with_course(app: &TestApp) -> psk_course::Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    softskills::content::import(&app.state, &dir, None)
        .await
        .unwrap()
        .course
}

async fn post(app: &TestApp, t: &Trainee, path: &str, body: Value) -> reqwest::Response {
    app.request(Method::POST, path, Some(body), Some(&t.token), &[])
        .await
}

/// Reads a lesson the honest way: heartbeats every 15 s until the minimum time has passed.
async fn read(app: &TestApp, t: &Trainee, lesson: &str) {
    let opened: Value = app
        .get_api(
            &format!("/api/v1/learning/lessons/{lesson}"),
            Some(&t.token),
        )
        .await
        .json()
        .await
        .unwrap();
    let min = opened["status"]["min_seconds"].as_i64().unwrap();
    let mut credited = 0;
    while credited < min {
        app.advance(15);
        let s: Value = post(
            app,
            t,
            &format!("/api/v1/learning/lessons/{lesson}/heartbeat"),
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
        credited = s["credited_seconds"].as_i64().unwrap();
    }
    assert_eq!(
        post(
            app,
            t,
            &format!("/api/v1/learning/lessons/{lesson}/complete"),
            json!({})
        )
        .await
        .status(),
        200
    );
}

/// The best answer of a question, from the content (the test knows the key; the client never does).
fn best(q: &psk_course::Question) -> Vec<String> {
    psk_course::scoring::best_answer(q.kind, &q.options)
        .iter()
        .map(|o| o.id.clone())
        .collect()
}

/// The tokens a view shows for content options `ids` of `options`, matched by English text.
fn tokens(view_options: &Value, options: &[psk_course::Choice], ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let text = &options.iter().find(|o| &o.id == id).unwrap().text.en;
            view_options
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["text"] == text.as_str())
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

on_both! {
    async fn a_script_cannot_finish_a_lesson_faster_than_it_can_be_read(app) {
        with_course(&app).await;
        let t = app.trainee(200).await;
        let opened: Value = app.get_api("/api/v1/learning/lessons/com-1", Some(&t.token)).await.json().await.unwrap();
        let min = opened["status"]["min_seconds"].as_i64().unwrap();
        assert!(min >= 60, "a 300+ word lesson needs at least a minute: {min}");
        assert!(opened["body"].as_str().unwrap().len() > 1000);
        // Straight to "done": refused, with the time left.
        let res = post(&app, &t, "/api/v1/learning/lessons/com-1/complete", json!({})).await;
        assert_eq!(res.status(), 409);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "lesson_not_read_yet");
        // A burst of heartbeats with no time passing earns nothing.
        for _ in 0..20 {
            post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await;
        }
        let credited = |v: &Value| v["credited_seconds"].as_i64().unwrap();
        let c0 = credited(&post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await.json().await.unwrap());
        assert!(c0 <= 2, "only the real second or two the burst took: {c0}");
        // Ten seconds pass: ten seconds count. A long silence counts at most thirty.
        app.advance(10);
        let c1 = credited(&post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await.json().await.unwrap());
        assert!((10..=11).contains(&(c1 - c0)), "{c0} → {c1}");
        app.advance(600);
        let c2 = credited(&post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await.json().await.unwrap());
        assert_eq!(c2 - c1, 30);
        // Parallel heartbeats credit the same seconds once.
        app.advance(30);
        let burst = crate::harness::join_all((0..8).map(|_| post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})))).await;
        assert!(burst.iter().all(|r| r.status() == 200));
        let after: Value = post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await.json().await.unwrap();
        let c2 = after["credited_seconds"].as_i64().unwrap();
        assert!(c2 - c1 <= 62, "30 s of silence and 600 s earlier credit at most 2 × 30 s: {c1} → {c2}");
        // Two lessons at once: the same seconds are not credited twice.
        app.get_api("/api/v1/learning/lessons/com-2", Some(&t.token)).await;
        app.advance(15);
        let a = credited(&post(&app, &t, "/api/v1/learning/lessons/com-1/heartbeat", json!({})).await.json().await.unwrap());
        let b = credited(&post(&app, &t, "/api/v1/learning/lessons/com-2/heartbeat", json!({})).await.json().await.unwrap());
        assert!((15..=16).contains(&(a - c2)), "{c2} → {a}");
        assert!(b <= 1, "the other tab earns nothing for the same seconds: {b}");
        // Without JavaScript: the time since the page opened counts once it has really passed.
        app.get_api("/api/v1/learning/lessons/com-3", Some(&t.token)).await;
        let min3 = app.get_api("/api/v1/learning/lessons/com-3", Some(&t.token)).await.json::<Value>().await.unwrap()["status"]["min_seconds"].as_i64().unwrap();
        app.advance(min3 - 5);
        assert_eq!(post(&app, &t, "/api/v1/learning/lessons/com-3/complete", json!({})).await.status(), 409);
        app.advance(5);
        assert_eq!(post(&app, &t, "/api/v1/learning/lessons/com-3/complete", json!({})).await.status(), 200);
        let p: Value = app.get_api("/api/v1/learning", Some(&t.token)).await.json().await.unwrap();
        let com = &p["modules"][0];
        assert_eq!(com["lessons"][2]["completed"], true);
        assert_eq!(com["lessons"][0]["completed"], false);
        assert_eq!(p["continue_lesson"], "com-1", "the last lesson is done: continue with the first unfinished one");
    }

    async fn quizzes_never_show_a_final_test_question(app) {
        let course = with_course(&app).await;
        let t = app.trainee(209).await;
        // Quizzes draw from the quiz pool only: ten quizzes (a hundred draws from 42) never show a final-test question.
        let mut shown = std::collections::HashSet::new();
        for _ in 0..10 {
            let q: Value = post(&app, &t, "/api/v1/learning/modules/com/quizzes", json!({})).await.json().await.unwrap();
            shown.extend(q["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_owned()));
        }
        let final_only: Vec<&str> = course.module("com").unwrap().final_bank().iter().map(|q| q.id.as_str()).collect();
        assert!(final_only.len() >= 16 && shown.len() > 30, "{} shown", shown.len());
        assert!(shown.iter().all(|id| !final_only.contains(&id.as_str())), "a quiz showed a final-test question");
    }

    async fn quizzes_are_scored_on_the_server_without_revealing_the_key(app) {
        let course = with_course(&app).await;
        let t = app.trainee(201).await;
        let res = post(&app, &t, "/api/v1/learning/modules/com/quizzes", json!({})).await;
        assert_eq!(res.status(), 201);
        let quiz: Value = res.json().await.unwrap();
        let text = quiz.to_string();
        for leak in ["\"correct\"", "\"credit\"", "\"position\"", "explanation"] {
            assert!(!text.contains(leak), "the attempt sends {leak}");
        }
        let questions = quiz["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 10);
        let id = quiz["attempt_id"].as_str().unwrap();
        let bank = &course.module("com").unwrap().questions;
        let key = |qid: &str| best(bank.iter().find(|q| q.id == qid).unwrap());
        // All wrong-ish: an empty answer sheet fails, with feedback and explanations.
        let second = post(&app, &t, "/api/v1/learning/modules/com/quizzes", json!({})).await.json::<Value>().await.unwrap();
        let r: Value = post(&app, &t, &format!("/api/v1/learning/quizzes/{}/answers", second["attempt_id"].as_str().unwrap()), json!({ "answers": {} })).await.json().await.unwrap();
        assert_eq!(r["percent"], 0);
        assert_eq!(r["passed"], false);
        assert!(!r["feedback"][0]["explanation"].as_str().unwrap().is_empty());
        // The right answers pass.
        // Option ids in the attempt are tokens, not the content's ids.
        assert!(questions.iter().flat_map(|q| q["options"].as_array().unwrap()).all(|o| o["id"].as_str().unwrap().len() > 4));
        let answers: serde_json::Map<String, Value> = questions
            .iter()
            .map(|q| {
                let qid = q["id"].as_str().unwrap();
                let bq = bank.iter().find(|x| x.id == qid).unwrap();
                (qid.to_owned(), json!(tokens(&q["options"], &bq.options, &key(qid))))
            })
            .collect();
        let r: Value = post(&app, &t, &format!("/api/v1/learning/quizzes/{id}/answers"), json!({ "answers": answers })).await.json().await.unwrap();
        assert_eq!(r["percent"], 100);
        assert_eq!(r["passed"], true);
        // Submitting again changes nothing.
        let again: Value = post(&app, &t, &format!("/api/v1/learning/quizzes/{id}/answers"), json!({ "answers": {} })).await.json().await.unwrap();
        assert_eq!(again["percent"], 100);
        // Someone else's attempt is not found.
        let other = app.trainee(202).await;
        assert_eq!(app.get_api(&format!("/api/v1/learning/quizzes/{id}"), Some(&other.token)).await.status(), 404);
        assert_eq!(post(&app, &other, &format!("/api/v1/learning/quizzes/{id}/answers"), json!({ "answers": {} })).await.status(), 404);
    }

    async fn a_module_completes_only_with_lessons_quiz_and_tasks(app) {
        let course = with_course(&app).await;
        let m = course.module("com").unwrap().clone();
        let t = app.trainee(203).await;
        let status = |p: &Value| p["modules"][0]["complete"].as_bool().unwrap();
        for l in &m.lessons {
            read(&app, &t, &l.id).await;
        }
        let p: Value = app.get_api("/api/v1/learning", Some(&t.token)).await.json().await.unwrap();
        assert!(!status(&p), "lessons alone do not complete a module");
        let quiz: Value = post(&app, &t, "/api/v1/learning/modules/com/quizzes", json!({})).await.json().await.unwrap();
        let answers: serde_json::Map<String, Value> = quiz["questions"].as_array().unwrap().iter().map(|q| {
            let qid = q["id"].as_str().unwrap();
            let bq = m.questions.iter().find(|x| x.id == qid).unwrap();
            (qid.to_owned(), json!(tokens(&q["options"], &bq.options, &best(bq))))
        }).collect();
        post(&app, &t, &format!("/api/v1/learning/quizzes/{}/answers", quiz["attempt_id"].as_str().unwrap()), json!({ "answers": answers })).await;
        let p: Value = app.get_api("/api/v1/learning", Some(&t.token)).await.json().await.unwrap();
        assert!(p["modules"][0]["quiz_passed"].as_bool().unwrap());
        assert!(!status(&p), "tasks are still to do");
        for task in &m.tasks {
            let view: Value = app.get_api(&format!("/api/v1/learning/tasks/{}", task.id), Some(&t.token)).await.json().await.unwrap();
            let answer = match task.kind {
                psk_course::TaskKind::Scenario => {
                    let best_id = task.options.iter().find(|o| o.credit == Some(1.0)).unwrap().id.clone();
                    json!({ "choice": tokens(&view["options"], &task.options, &[best_id])[0] })
                }
                psk_course::TaskKind::Ordering => {
                    let mut o = task.options.clone();
                    o.sort_by_key(|o| o.position);
                    let ids: Vec<String> = o.iter().map(|o| o.id.clone()).collect();
                    // An incomplete order is refused.
                    let partial = post(&app, &t, &format!("/api/v1/learning/tasks/{}/submissions", task.id), json!({ "order": tokens(&view["options"], &task.options, &ids[..1]) })).await;
                    assert_eq!(partial.status(), 422);
                    json!({ "order": tokens(&view["options"], &task.options, &ids) })
                }
                psk_course::TaskKind::Matching => {
                    let matches: Vec<String> = task.pairs.iter().map(|(_, r)| view["rights"].as_array().unwrap().iter().find(|x| x["text"] == r.en.as_str()).unwrap()["id"].as_str().unwrap().to_owned()).collect();
                    // Index guessing no longer works.
                    let guessed = post(&app, &t, &format!("/api/v1/learning/tasks/{}/submissions", task.id), json!({ "matches": (0..task.pairs.len()).map(|i| i.to_string()).collect::<Vec<_>>() })).await;
                    assert_eq!(guessed.status(), 422);
                    json!({ "matches": matches })
                }
                psk_course::TaskKind::Reflection => {
                    // Too short first: refused, nothing stored.
                    let short = post(&app, &t, &format!("/api/v1/learning/tasks/{}/submissions", task.id), json!({ "text": "I would tell my supervisor." })).await;
                    assert_eq!(short.status(), 422);
                    json!({ "text": "I would stop work at once and tell the foreman what I saw, calmly and clearly, and show him the loose guardrail. I would keep other workers away from the place until it was fixed, and I would write a short note with the time and the names, so that nobody forgets and the same danger does not hurt anyone tomorrow." })
                }
            };
            let res = post(&app, &t, &format!("/api/v1/learning/tasks/{}/submissions", task.id), answer).await;
            assert_eq!(res.status(), 201, "{}", task.id);
        }
        let p: Value = app.get_api("/api/v1/learning", Some(&t.token)).await.json().await.unwrap();
        assert!(status(&p), "{p}");
        assert!(!p["all_complete"].as_bool().unwrap());
    }
}
