//! The final test's rules: opens only after the course; the server's clock; answers saved one by
//! one and resumed; double submission; attempt limits and waiting; the certificate issued with
//! the pass, signed, verified by number and by QR, refused when altered; an attempt left to run
//! out scored by the worker.

use serde_json::{Value, json};

use crate::exam::{answer, best_tokens, complete_course, put_answer, question};
use crate::harness::TestApp;
use crate::learning::with_course;
use crate::on_both;

on_both! {
    async fn the_test_opens_after_the_course_and_keeps_its_rules(app) {
        let course = with_course(&app).await;
        let t = app.trainee(501).await;
        // Not before the course is complete.
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_not_open");
        complete_course(&app, &t, &course).await;
        let status: Value = app.get_api("/api/v1/test", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(status["eligible"], true);
        assert_eq!(status["questions"], 40);

        // Attempt 1: the blueprint; the key is never sent.
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 201);
        let body = res.text().await.unwrap();
        assert!(!body.contains("\"correct\"") && !body.contains("\"credit\"") && !body.contains("\"position\""));
        let v1: Value = serde_json::from_str(&body).unwrap();
        let a1 = v1["attempt_id"].as_str().unwrap().to_owned();
        let qs = v1["questions"].as_array().unwrap();
        assert_eq!(qs.len(), 40);
        for m in &course.modules {
            assert_eq!(qs.iter().filter(|q| q["module_id"] == m.id.as_str()).count(), 8, "8 from {}", m.id);
        }
        assert!(v1["seconds_left"].as_i64().unwrap() > 44 * 60);
        // Starting again resumes the same attempt (another device, a lost connection).
        let again: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(again["attempt_id"], a1.as_str());

        // Answers are saved one by one, can be changed, and come back on resume.
        answer(&app, &t, &course, &v1, 10).await;
        // Change an answered question to a wrong answer (not an ordering, where every option is
        // in the key, nor a scenario, where another option may earn half).
        let at = (0..10).find(|i| matches!(question(&course, qs[*i]["id"].as_str().unwrap()).kind, psk_course::QuestionKind::Single | psk_course::QuestionKind::TrueFalse | psk_course::QuestionKind::Multiple)).unwrap();
        let first = &qs[at];
        let other = first["options"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).find(|o| !best_tokens(question(&course, first["id"].as_str().unwrap()), first).contains(o)).unwrap();
        assert_eq!(put_answer(&app, &t, &a1, first["id"].as_str().unwrap(), vec![other.clone()]).await.status(), 204);
        let resumed: Value = app.get_api(&format!("/api/v1/test/attempts/{a1}"), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(resumed["questions"][at]["answer"], json!([other]));
        assert_eq!(resumed["questions"][1]["answer"].as_array().unwrap().len().min(1), 1);
        // An option of another question is refused.
        let foreign = qs[(at + 1) % qs.len()]["options"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(put_answer(&app, &t, &a1, first["id"].as_str().unwrap(), vec![foreign]).await.status(), 400);

        // The clock is the server's: after the deadline answers are refused, and the attempt is
        // scored as it stands (9 of 40 right: not a pass).
        app.advance(45 * 60 + 1);
        let late = put_answer(&app, &t, &a1, qs[20]["id"].as_str().unwrap(), vec![]).await;
        assert_eq!(late.status(), 410);
        assert_eq!(late.json::<Value>().await.unwrap()["code"], "test_time_over");
        let r1: Value = app.post_api(&format!("/api/v1/test/attempts/{a1}/submission"), json!({}), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(r1["passed"], false);
        assert_eq!(r1["timed_out"], true);
        assert_eq!(r1["percent"], 22);
        assert_eq!(r1["modules"].as_array().unwrap().len(), 5);

        // 24 hours between attempts.
        let wait = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(wait.status(), 429);
        app.advance(24 * 3600);
        let v2: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
        let a2 = v2["attempt_id"].as_str().unwrap().to_owned();
        // No question of attempt 1 again while the bank has others.
        let seen: Vec<&str> = qs.iter().map(|q| q["id"].as_str().unwrap()).collect();
        assert!(v2["questions"].as_array().unwrap().iter().all(|q| !seen.contains(&q["id"].as_str().unwrap())), "questions repeat although the bank has others");
        // Both attempts drew only final-test questions, never one a quiz can show (and reveal).
        let final_only: std::collections::HashSet<&str> = course.modules.iter().flat_map(|m| m.final_bank()).map(|q| q.id.as_str()).collect();
        let quiz_ids: std::collections::HashSet<&str> = course.modules.iter().flat_map(|m| m.quiz_bank()).map(|q| q.id.as_str()).collect();
        for q in qs.iter().chain(v2["questions"].as_array().unwrap()) {
            let id = q["id"].as_str().unwrap();
            assert!(final_only.contains(id) && !quiz_ids.contains(id), "{id} is not a final-test-only question");
        }
        // A pass: 30 of 40 right. Submitting twice gives one result and one certificate.
        answer(&app, &t, &course, &v2, 30).await;
        let submit_path = format!("/api/v1/test/attempts/{a2}/submission");
        let (r2, r2b) = tokio::join!(
            app.post_api(&submit_path, json!({}), Some(&t.token)),
            app.post_api(&submit_path, json!({}), Some(&t.token)),
        );
        let (r2, r2b): (Value, Value) = (r2.json().await.unwrap(), r2b.json().await.unwrap());
        assert_eq!(r2["passed"], true, "{r2}");
        assert_eq!(r2["percent"], 75);
        assert_eq!(r2["certificate"], r2b["certificate"]);
        assert_eq!(app.count("certificates").await, 1);
        assert_eq!(app.count("test_attempts").await, 2);
        // Passed: no more attempts.
        assert_eq!(app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.status(), 410);

        // The certificate: number, SMS, public check, signed QR.
        let number = r2["certificate"].as_str().unwrap().to_owned();
        assert!(regex_like(&number), "{number}");
        let sms = app.next_message("sms", &t.mobile_e164).await;
        assert!(sms["text"].as_str().unwrap().contains(&number), "{sms}");
        let check: Value = app.get_api(&format!("/api/v1/certificates/{}", number.to_lowercase()), None).await.json().await.unwrap();
        assert_eq!(check["status"], "valid");
        assert_eq!(check["name"], t.name.as_str());
        let last4: String = t.cnic.chars().filter(char::is_ascii_digit).collect::<String>()[9..].to_owned();
        assert_eq!(check["cnic"], format!("*****-****{}-{}", &last4[..3], &last4[3..]));
        assert!(check.get("passport").is_none() && check.get("mobile").is_none());
        let unknown: Value = app.get_api("/api/v1/certificates/PSS-0000-0000-0", None).await.json().await.unwrap();
        assert_eq!(unknown["status"], "unknown");
        let mine: Value = app.get_api("/api/v1/me/certificates", Some(&t.token)).await.json().await.unwrap();
        let link = mine[0]["link"].as_str().unwrap().to_owned();
        let text = mine[0]["text"].as_str().unwrap().to_owned();
        for qr in [&link, &text] {
            let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": qr }), None).await.json().await.unwrap();
            assert_eq!(v["signature_valid"], true, "{v}");
            assert_eq!(v["certificate"]["number"], number.as_str());
        }
        // A changed character is refused.
        let mut forged = text.clone().into_bytes();
        let i = forged.len() - 20;
        forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
        let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": String::from_utf8(forged).unwrap() }), None).await.json().await.unwrap();
        assert_eq!(v["signature_valid"], false);
        // The public keys verify it offline too.
        let keys: Value = app.get_api("/api/v1/certificate-keys", None).await.json().await.unwrap();
        assert_eq!(keys["keys"][0]["crv"], "Ed25519");
        // Three years on, the same certificate answers "expired", by number and by QR.
        app.advance(3 * 366 * 86_400);
        let later: Value = app.get_api(&format!("/api/v1/certificates/{number}"), None).await.json().await.unwrap();
        assert_eq!(later["status"], "expired");
        let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": text }), None).await.json().await.unwrap();
        assert_eq!(v["certificate"]["status"], "expired");
        let actions = app.audit_actions().await;
        for a in ["test.started", "test.finished", "certificate.issued"] {
            assert!(actions.contains(&a.to_owned()), "{a}");
        }
    }

    async fn attempts_run_out(app) {
        let course = with_course(&app).await;
        let t = app.trainee(502).await;
        complete_course(&app, &t, &course).await;
        for n in 1..=3 {
            let v: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
            assert_eq!(v["number"], n);
            let id = v["attempt_id"].as_str().unwrap();
            let r: Value = app.post_api(&format!("/api/v1/test/attempts/{id}/submission"), json!({}), Some(&t.token)).await.json().await.unwrap();
            assert_eq!(r["passed"], false);
            app.advance(24 * 3600 + 1);
        }
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_round_used");
    }
}

/// `PSS-XXXX-XXXX-X` in Crockford base32.
fn regex_like(n: &str) -> bool {
    let b = n.as_bytes();
    n.len() == 15
        && n.starts_with("PSS-")
        && b[8] == b'-'
        && b[13] == b'-'
        && n.bytes()
            .enumerate()
            .filter(|(i, _)| ![0, 1, 2, 3, 8, 13].contains(i))
            .all(|(_, c)| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&c))
}

/// An attempt left to run out is scored by the worker; a pass gets its certificate by SMS
/// without the trainee coming back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_attempt_is_scored_by_the_worker() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let t = app.trainee(503).await;
    complete_course(&app, &t, &course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(&app, &t, &course, &v, 40).await;
    app.advance(46 * 60);
    assert_eq!(
        softskills::exam::service::settle_expired(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        softskills::exam::service::settle_expired(&app.state)
            .await
            .unwrap(),
        0
    );
    let certs = psk_store::certificates::for_user(app.state.db.ex(), t.user_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(certs.len(), 1);
    let sms = app.next_message("sms", &t.mobile_e164).await;
    assert!(sms["text"].as_str().unwrap().contains(&certs[0].number));
}
