//! The course steps of one virtual trainee's journey: reading lessons with heartbeats, the
//! module quizzes, the tasks and the final test, each answered from the content's answer key.

use std::time::Duration;

use psk_course::scoring::best_answer;
use psk_course::{Choice, QuestionKind, TaskKind};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::Trainee;

impl Trainee {
    /// Opens a lesson and sends a heartbeat every 15 s until its reading time is credited.
    pub(super) async fn read(&self, token: &str, lesson: &str) -> Option<()> {
        let path = format!("/api/v1/learning/lessons/{lesson}");
        let opened = self
            .json(
                "lesson open",
                Method::GET,
                &path,
                token,
                None,
                StatusCode::OK,
            )
            .await?;
        let min = opened["status"]["min_seconds"].as_i64()?;
        let mut credited = 0;
        let beat = format!("{path}/heartbeat");
        while credited < min {
            tokio::time::sleep(Duration::from_secs(15)).await;
            let s = self
                .json(
                    "lesson heartbeat",
                    Method::POST,
                    &beat,
                    token,
                    Some(json!({})),
                    StatusCode::OK,
                )
                .await?;
            credited = s["credited_seconds"].as_i64()?;
        }
        self.call(
            "lesson complete",
            Method::POST,
            &format!("{path}/complete"),
            token,
            None,
            StatusCode::OK,
        )
        .await?;
        Some(())
    }

    pub(super) async fn quiz(&self, token: &str, module: &str) -> Option<()> {
        let path = format!("/api/v1/learning/modules/{module}/quizzes");
        let view = self
            .json(
                "quiz start",
                Method::POST,
                &path,
                token,
                Some(json!({})),
                StatusCode::CREATED,
            )
            .await?;
        let answers: serde_json::Map<String, Value> = view["questions"]
            .as_array()?
            .iter()
            .filter_map(|q| Some((q["id"].as_str()?.to_owned(), json!(self.key(q)?))))
            .collect();
        let path = format!(
            "/api/v1/learning/quizzes/{}/answers",
            view["attempt_id"].as_str()?
        );
        let r = self
            .json(
                "quiz submit",
                Method::POST,
                &path,
                token,
                Some(json!({ "answers": answers })),
                StatusCode::OK,
            )
            .await?;
        self.expect(r["passed"] == true, "quiz submit", "quiz not passed")
    }

    pub(super) async fn task(&self, token: &str, t: &psk_course::Task) -> Option<()> {
        let path = format!("/api/v1/learning/tasks/{}", t.id);
        let view = self
            .json("task open", Method::GET, &path, token, None, StatusCode::OK)
            .await?;
        let answer = match t.kind {
            TaskKind::Scenario => {
                json!({ "choice": tokens(&view["options"], &best_answer(QuestionKind::Scenario, &t.options))?.first()? })
            }
            TaskKind::Ordering => {
                json!({ "order": tokens(&view["options"], &best_answer(QuestionKind::Ordering, &t.options))? })
            }
            TaskKind::Matching => {
                let rights = view["rights"].as_array()?;
                let matches: Option<Vec<&str>> = t
                    .pairs
                    .iter()
                    .map(|(_, r)| {
                        rights.iter().find(|x| x["text"] == r.en.as_str())?["id"].as_str()
                    })
                    .collect();
                json!({ "matches": matches? })
            }
            TaskKind::Reflection => {
                json!({ "text": reflection(t.min_words.unwrap_or(40), t.max_words.unwrap_or(200)) })
            }
        };
        self.call(
            "task submit",
            Method::POST,
            &format!("{path}/submissions"),
            token,
            Some(answer),
            StatusCode::CREATED,
        )
        .await?;
        Some(())
    }

    pub(super) async fn final_test(&self, token: &str) -> Option<()> {
        let view = self
            .json(
                "test start",
                Method::POST,
                "/api/v1/test/attempts",
                token,
                Some(json!({})),
                StatusCode::CREATED,
            )
            .await?;
        let attempt = view["attempt_id"].as_str()?;
        for q in view["questions"].as_array()? {
            let path = format!(
                "/api/v1/test/attempts/{attempt}/answers/{}",
                q["id"].as_str()?
            );
            self.call(
                "test answer",
                Method::PUT,
                &path,
                token,
                Some(json!({ "options": self.key(q)? })),
                StatusCode::NO_CONTENT,
            )
            .await?;
        }
        let path = format!("/api/v1/test/attempts/{attempt}/submission");
        let r = self
            .json(
                "test submit",
                Method::POST,
                &path,
                token,
                Some(json!({})),
                StatusCode::OK,
            )
            .await?;
        self.expect(r["passed"] == true, "test submit", "test not passed")?;
        let mine = self
            .json(
                "my certificates",
                Method::GET,
                "/api/v1/me/certificates",
                token,
                None,
                StatusCode::OK,
            )
            .await?;
        let number = mine.as_array()?.first()?["number"].as_str()?.to_owned();
        let v = self
            .json(
                "certificate verify",
                Method::GET,
                &format!("/api/v1/certificates/{number}"),
                "",
                None,
                StatusCode::OK,
            )
            .await?;
        self.expect(
            v["status"] == "valid",
            "certificate verify",
            "certificate not valid",
        )
    }

    /// The full-credit answer to a question of a view, as the view's option tokens.
    fn key(&self, q: &Value) -> Option<Vec<String>> {
        let id = q["id"].as_str()?;
        let bank = self
            .course
            .modules
            .iter()
            .flat_map(|m| m.questions.iter())
            .find(|b| b.id == id)?;
        tokens(&q["options"], &best_answer(bank.kind, &bank.options))
    }
}

/// The tokens a view gives the content options `best`, matched by English text.
fn tokens(view_options: &Value, best: &[&Choice]) -> Option<Vec<String>> {
    let options = view_options.as_array()?;
    best.iter()
        .map(|c| {
            options.iter().find(|o| o["text"] == c.text.en.as_str())?["id"]
                .as_str()
                .map(str::to_owned)
        })
        .collect()
}

/// A reflection within the task's word limits.
fn reflection(min: u32, max: u32) -> String {
    const TEXT: &str = "I would stop work at once and tell the foreman what I saw, calmly and clearly, and show him the loose guardrail. I would keep other workers away from the place until it was fixed, and I would write a short note with the time and the names, so that nobody forgets.";
    let want = (min + (max.max(min) - min) / 3).max(min) as usize;
    TEXT.split_whitespace()
        .cycle()
        .take(want)
        .collect::<Vec<_>>()
        .join(" ")
}
