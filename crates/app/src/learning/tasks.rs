//! Short tasks: scenario judgement, ordering and matching scored on submission; written
//! reflections checked for length and accepted (or, when sampled, sent to a grader).

use std::sync::Arc;

use psk_course::{Course, QuestionKind, Task, TaskKind, scoring, word_count};
use psk_store::learning;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::service::course_for;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A task answer as a form or JSON body sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskAnswer {
    /// scenario: the chosen option id
    #[serde(default)]
    pub choice: Option<String>,
    /// ordering: option ids in the chosen order
    #[serde(default)]
    pub order: Vec<String>,
    /// matching: for each left item in order, the index of the chosen right item
    #[serde(default)]
    pub matches: Vec<usize>,
    /// reflection: the text, in either language
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskResult {
    pub task_id: String,
    /// done, or awaiting_grading for a sampled reflection
    pub state: String,
    pub percent: Option<i32>,
}

pub fn find_task<'a>(course: &'a Course, id: &str) -> AppResult<&'a Task> {
    course
        .modules
        .iter()
        .flat_map(|m| m.tasks.iter())
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)
}

pub async fn task(st: &AppState, me: &CurrentUser, id: &str) -> AppResult<(Arc<Course>, String)> {
    let (_, course) = course_for(st, me).await?;
    find_task(&course, id)?;
    Ok((course, id.to_owned()))
}

pub async fn submit(
    st: &AppState,
    me: &CurrentUser,
    id: &str,
    answer: &TaskAnswer,
) -> AppResult<TaskResult> {
    let (_, course) = course_for(st, me).await?;
    let t = find_task(&course, id)?;
    let (percent, state) = match t.kind {
        TaskKind::Scenario => {
            let chosen: Vec<String> = answer.choice.iter().cloned().collect();
            (
                Some(scoring::percent(
                    scoring::score(QuestionKind::Scenario, &t.options, &chosen),
                    1,
                ) as i32),
                "done",
            )
        }
        TaskKind::Ordering => (
            Some(scoring::percent(
                scoring::score(QuestionKind::Ordering, &t.options, &answer.order),
                1,
            ) as i32),
            "done",
        ),
        TaskKind::Matching => {
            let right = answer
                .matches
                .iter()
                .enumerate()
                .filter(|(i, m)| i == *m)
                .count();
            (
                Some(scoring::percent(right as f64, t.pairs.len()) as i32),
                "done",
            )
        }
        TaskKind::Reflection => {
            let words = word_count(&answer.text);
            let (min, max) = (t.min_words.unwrap_or(1), t.max_words.unwrap_or(u32::MAX));
            if words < min || words > max || answer.text.chars().count() > 5000 {
                return Err(AppError::field("text", "task_words"));
            }
            // The newest submission decides a task's state, so a reflection waiting for a grader
            // cannot be replaced by a fresh one hoping not to be sampled, and one a grader
            // returned always goes back to a grader.
            let previous = learning::task_submissions(st.db.ex(), me.id)
                .await?
                .into_iter()
                .find(|s| s.task_id == id)
                .map(|s| s.status);
            if previous.as_deref() == Some("awaiting_grading") {
                return Err(AppError::Gone("task_awaiting_grading"));
            }
            let sampled = previous.as_deref() == Some("returned")
                || rand::random_range(0..100) < st.config.learning.reflection_sample_percent;
            (None, if sampled { "awaiting_grading" } else { "done" })
        }
    };
    let json = serde_json::to_string(answer).map_err(anyhow::Error::from)?;
    let mut tx = st.db.begin().await?;
    let row = learning::NewSubmission {
        id: Uuid::new_v4(),
        user_id: me.id,
        task_id: id,
        answer: &json,
        percent,
        status: state,
        now: st.clock.now(),
    };
    learning::submit_task(tx.ex(), &row).await?;
    Event::new("task.submitted")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "task": id, "percent": percent, "state": state }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(TaskResult {
        task_id: id.to_owned(),
        state: state.into(),
        percent,
    })
}
