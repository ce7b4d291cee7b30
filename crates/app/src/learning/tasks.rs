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
    /// matching: for each left item in order, the id (token) of the chosen right item
    #[serde(default)]
    pub matches: Vec<String>,
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

/// A task as the trainee sees it: option and match tokens, never the key.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub prompt: String,
    /// scenario and ordering: the options, shuffled
    pub options: Vec<super::quiz::OptionView>,
    /// matching: the left items, in order
    pub lefts: Vec<String>,
    /// matching: the right items, shuffled
    pub rights: Vec<super::quiz::OptionView>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
}

fn scope<'a>(me: &'a CurrentUser, id: &'a str) -> [&'a [u8]; 2] {
    [me.id.as_bytes(), id.as_bytes()]
}

/// The task for the page or the app, with tokens in place of ids.
pub fn view(st: &AppState, me: &CurrentUser, t: &Task, urdu: bool) -> TaskView {
    use rand::seq::SliceRandom;
    let sc = scope(me, &t.id);
    let mut options: Vec<super::quiz::OptionView> = t
        .options
        .iter()
        .map(|o| super::quiz::OptionView {
            id: super::tokens::token(st, &sc, &o.id),
            text: o.text.get(urdu).to_owned(),
        })
        .collect();
    let mut rights: Vec<super::quiz::OptionView> = t
        .pairs
        .iter()
        .enumerate()
        .map(|(i, (_, r))| super::quiz::OptionView {
            id: super::tokens::token(st, &sc, &format!("right-{i}")),
            text: r.get(urdu).to_owned(),
        })
        .collect();
    let mut rng = rand::rng();
    options.shuffle(&mut rng);
    rights.shuffle(&mut rng);
    TaskView {
        id: t.id.clone(),
        kind: format!("{:?}", t.kind).to_lowercase(),
        title: t.title.get(urdu).to_owned(),
        prompt: t.prompt.get(urdu).to_owned(),
        options,
        lefts: t
            .pairs
            .iter()
            .map(|(l, _)| l.get(urdu).to_owned())
            .collect(),
        rights,
        min_words: t.min_words,
        max_words: t.max_words,
    }
}

/// Checks an answer is complete (a known choice, a full order, every pair matched) and scores it.
/// Returns the score and the answer as option ids for storage.
fn score(
    st: &AppState,
    me: &CurrentUser,
    t: &Task,
    answer: &TaskAnswer,
) -> AppResult<(Option<i32>, TaskAnswer)> {
    let sc = scope(me, &t.id);
    let ids = || t.options.iter().map(|o| o.id.as_str());
    match t.kind {
        TaskKind::Scenario => {
            let chosen = super::tokens::resolve(
                st,
                &sc,
                ids(),
                &answer.choice.iter().cloned().collect::<Vec<_>>(),
            );
            if chosen.len() != 1 {
                return Err(AppError::field("choice", "choose_option"));
            }
            let pct = scoring::percent(
                scoring::score(QuestionKind::Scenario, &t.options, &chosen),
                1,
            ) as i32;
            Ok((
                Some(pct),
                TaskAnswer {
                    choice: chosen.into_iter().next(),
                    ..Default::default()
                },
            ))
        }
        TaskKind::Ordering => {
            let order = super::tokens::resolve(st, &sc, ids(), &answer.order);
            let mut distinct = order.clone();
            distinct.sort();
            distinct.dedup();
            if order.len() != t.options.len() || distinct.len() != order.len() {
                return Err(AppError::field("order", "choose_option"));
            }
            let pct = scoring::percent(
                scoring::score(QuestionKind::Ordering, &t.options, &order),
                1,
            ) as i32;
            Ok((
                Some(pct),
                TaskAnswer {
                    order,
                    ..Default::default()
                },
            ))
        }
        TaskKind::Matching => {
            let rights: Vec<String> = (0..t.pairs.len()).map(|i| format!("right-{i}")).collect();
            let matched =
                super::tokens::resolve(st, &sc, rights.iter().map(String::as_str), &answer.matches);
            if answer.matches.len() != t.pairs.len() || matched.len() != t.pairs.len() {
                return Err(AppError::field("matches", "choose_option"));
            }
            let right = matched
                .iter()
                .enumerate()
                .filter(|(i, m)| **m == format!("right-{i}"))
                .count();
            Ok((
                Some(scoring::percent(right as f64, t.pairs.len()) as i32),
                TaskAnswer {
                    matches: matched,
                    ..Default::default()
                },
            ))
        }
        TaskKind::Reflection => {
            let words = word_count(&answer.text);
            let (min, max) = (t.min_words.unwrap_or(1), t.max_words.unwrap_or(u32::MAX));
            if words < min || words > max || answer.text.chars().count() > 5000 {
                return Err(AppError::field("text", "task_words"));
            }
            // A grader reads it: no direction marks or invisible characters.
            if psk_domain::text::hidden_char(&answer.text).is_some() {
                return Err(AppError::field("text", "text_hidden_characters"));
            }
            Ok((
                None,
                TaskAnswer {
                    text: answer.text.clone(),
                    ..Default::default()
                },
            ))
        }
    }
}

pub async fn submit(
    st: &AppState,
    me: &CurrentUser,
    id: &str,
    answer: &TaskAnswer,
) -> AppResult<TaskResult> {
    let (_, course) = course_for(st, me).await?;
    let t = find_task(&course, id)?;
    let (percent, stored) = score(st, me, t, answer)?;
    let json = serde_json::to_string(&stored).map_err(anyhow::Error::from)?;
    let mut tx = st.db.begin().await?;
    // One submission at a time per trainee, so parallel reflections cannot each roll the sample.
    psk_store::course::lock_enrollment(tx.ex(), me.id).await?;
    let previous = learning::latest_task_status(tx.ex(), me.id, id).await?;
    let state = if t.kind == TaskKind::Reflection {
        // The newest submission decides a task's state: a reflection waiting for a grader cannot
        // be replaced by a fresh one hoping not to be sampled, and one a grader returned always
        // goes back to a grader.
        if previous.as_deref() == Some("awaiting_grading") {
            return Err(AppError::Gone("task_awaiting_grading"));
        }
        let sampled = previous.as_deref() == Some("returned")
            || rand::random_range(0..100) < st.config.learning.reflection_sample_percent;
        if sampled { "awaiting_grading" } else { "done" }
    } else {
        "done"
    };
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
