//! The rules of grading.

use psk_domain::role::Role;
use psk_store::learning;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::learning::tasks::TaskAnswer;
use crate::state::AppState;

pub const GRADERS: [Role; 2] = [Role::Grader, Role::Administrator];

/// A reflection to grade, with its task's prompt and rubric in the grader's language.
#[derive(Debug, Clone, Serialize)]
pub struct ToGrade {
    pub id: Uuid,
    pub task_title: String,
    pub prompt: String,
    pub rubric: Vec<String>,
    pub text: String,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
}

async fn describe(st: &AppState, row: learning::Ungraded, urdu: bool) -> AppResult<ToGrade> {
    // The task as it stands in the version the trainee follows.
    let version = psk_store::course::enrollment(st.db.ex(), row.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let course = crate::learning::service::load_version(st, version).await?;
    let task = crate::learning::tasks::find_task(&course, &row.task_id)?;
    let answer: TaskAnswer = serde_json::from_str(&row.answer).map_err(anyhow::Error::from)?;
    Ok(ToGrade {
        id: row.id,
        task_title: task.title.get(urdu).to_owned(),
        prompt: task.prompt.get(urdu).to_owned(),
        rubric: task.rubric.iter().map(|r| r.get(urdu).to_owned()).collect(),
        text: answer.text,
        submitted_at: row.submitted_at,
    })
}

pub async fn queue(st: &AppState, me: &CurrentUser, urdu: bool) -> AppResult<Vec<ToGrade>> {
    me.require(&GRADERS)?;
    let mut out = vec![];
    for row in learning::grading_queue(st.db.ex(), 50).await? {
        out.push(describe(st, row, urdu).await?);
    }
    Ok(out)
}

pub async fn one(st: &AppState, me: &CurrentUser, id: Uuid, urdu: bool) -> AppResult<ToGrade> {
    me.require(&GRADERS)?;
    let row = learning::ungraded(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    describe(st, row, urdu).await
}

/// Accepts (the criteria met decide the score) or returns a reflection with a note.
pub async fn decide(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    criteria_met: usize,
    accept: bool,
    note: Option<&str>,
) -> AppResult<()> {
    me.require(&GRADERS)?;
    let row = learning::ungraded(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let trainee = row.user_id;
    if trainee == me.id {
        return Err(AppError::NotFound);
    }
    let rubric_len = describe(st, row, false).await?.rubric.len().max(1);
    let percent =
        psk_course::scoring::percent(criteria_met.min(rubric_len) as f64, rubric_len) as i32;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 500) {
        return Err(AppError::field("note", "too_long"));
    }
    // The trainee reads it: no direction marks or invisible characters.
    if note.is_some_and(|n| psk_domain::text::hidden_char(n).is_some()) {
        return Err(AppError::field("note", "text_hidden_characters"));
    }
    if !accept && note.is_none() {
        return Err(AppError::field("note", "required"));
    }
    let status = if accept { "done" } else { "returned" };
    let mut tx = st.db.begin().await?;
    if !learning::grade(tx.ex(), id, status, percent, me.id, note, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    Event::new("task.graded")
        .actor(me.id)
        .subject(trainee)
        .detail(json!({ "submission": id, "status": status, "percent": percent }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}
