//! Answer saves racing the submission: every answer acknowledged with 204 is stored and scored,
//! every one refused is neither, and nothing fails in between.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

use crate::exam::{best_tokens, complete_course, put_answer, question};
use crate::learning::with_course;
use crate::on_both;

type Call<'a> = Pin<Box<dyn Future<Output = reqwest::Response> + Send + 'a>>;

on_both! {
    async fn a_submission_racing_answer_saves_scores_exactly_the_acknowledged_ones(app) {
        let course = with_course(&app).await;
        // The submission goes in after a different number of acknowledged saves each round, so
        // it meets saves in flight at different points.
        for (round, after) in [3usize, 12, 25, 38].into_iter().enumerate() {
            let t = app.trainee(531 + round as u32).await;
            complete_course(&app, &t, &course).await;
            let view: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
            let attempt = view["attempt_id"].as_str().unwrap().to_owned();
            let acked = AtomicUsize::new(0);
            let mut calls: Vec<Call<'_>> = Vec::new();
            for q in view["questions"].as_array().unwrap() {
                let id = q["id"].as_str().unwrap().to_owned();
                let tokens = best_tokens(question(&course, &id), q);
                let (app, t, attempt, acked) = (&app, &t, &attempt, &acked);
                calls.push(Box::pin(async move {
                    let res = put_answer(app, t, attempt, &id, tokens).await;
                    if res.status() == 204 {
                        acked.fetch_add(1, Ordering::SeqCst);
                    }
                    res
                }));
            }
            let (app_ref, t_ref, acked_ref) = (&app, &t, &acked);
            let submit = format!("/api/v1/test/attempts/{attempt}/submission");
            calls.push(Box::pin(async move {
                while acked_ref.load(Ordering::SeqCst) < after {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                }
                app_ref.post_api(&submit, json!({}), Some(&t_ref.token)).await
            }));
            let mut responses = crate::harness::join_all(calls.into_iter()).await;
            let result: Value = responses.pop().unwrap().json().await.unwrap();
            for res in responses {
                match res.status().as_u16() {
                    204 => {}
                    410 => assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_time_over"),
                    other => panic!("a save answered {other}: {}", res.text().await.unwrap()),
                }
            }
            let acked = acked.load(Ordering::SeqCst);
            assert!(acked >= after, "round {round}: {acked} acknowledged");
            let stored = psk_store::exam::answers(app.state.db.ex(), attempt.parse().unwrap()).await.unwrap();
            assert_eq!(stored.len(), acked, "round {round}: stored answers against acknowledged ones");
            // Every stored answer is the key's, so the score counts exactly the acknowledged ones.
            assert_eq!(result["percent"], (100 * acked / 40) as u64, "round {round}: {result}");
            // After the submission nothing more is taken.
            let late = put_answer(&app, &t, &attempt, view["questions"][0]["id"].as_str().unwrap(), vec![]).await;
            assert_eq!(late.status(), 410);
        }
    }
}
