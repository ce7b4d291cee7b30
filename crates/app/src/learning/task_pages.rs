//! The short-task pages.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::{Course, TaskKind};

use super::tasks::{self, TaskAnswer};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    tr: Tr,
    base: Base,
    title: String,
    prompt: String,
    kind: TaskKind,
    options: Vec<(String, String)>,
    lefts: Vec<String>,
    rights: Vec<(usize, String)>,
    positions: Vec<usize>,
    words_label: String,
    text: String,
    /// The grader's note when the last answer was returned.
    returned_note: Option<String>,
    errors: FormErrors,
}

/// The grader's note on the trainee's latest answer to a task, when it was returned.
async fn returned_note(st: &AppState, me: &CurrentUser, id: &str) -> AppResult<Option<String>> {
    let subs = psk_store::learning::task_submissions(st.db.ex(), me.id).await?;
    Ok(subs
        .into_iter()
        .find(|s| s.task_id == id)
        .filter(|s| s.status == "returned")
        .and_then(|s| s.grade_note))
}

fn task_page(
    ctx: &Ctx,
    me: &CurrentUser,
    course: &Course,
    id: &str,
    text: String,
    returned_note: Option<String>,
    errors: FormErrors,
) -> AppResult<Response> {
    use rand::seq::SliceRandom;
    let t = tasks::find_task(course, id)?;
    let tr = Tr::new(ctx.lang);
    let urdu = tr.is_ur();
    let mut options: Vec<(String, String)> = t
        .options
        .iter()
        .map(|o| (o.id.clone(), o.text.get(urdu).to_owned()))
        .collect();
    options.shuffle(&mut rand::rng());
    let mut rights: Vec<(usize, String)> = t
        .pairs
        .iter()
        .enumerate()
        .map(|(i, (_, r))| (i, r.get(urdu).to_owned()))
        .collect();
    rights.shuffle(&mut rand::rng());
    let page = TaskPage {
        title: t.title.get(urdu).to_owned(),
        prompt: t.prompt.get(urdu).to_owned(),
        kind: t.kind,
        positions: (1..=t.options.len()).collect(),
        options,
        lefts: t
            .pairs
            .iter()
            .map(|(l, _)| l.get(urdu).to_owned())
            .collect(),
        rights,
        words_label: tr.ta(
            "learn-write-words",
            &[
                ("min", t.min_words.unwrap_or(0).to_string()),
                ("max", t.max_words.unwrap_or(0).to_string()),
            ],
        ),
        text,
        returned_note,
        errors,
        base: Base::new(ctx, Some(me)),
        tr,
    };
    Ok(html(&page)?.into_response())
}

pub async fn task(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (course, id) = tasks::task(&st, &me, &id).await?;
    let note = returned_note(&st, &me, &id).await?;
    task_page(
        &ctx,
        &me,
        &course,
        &id,
        String::new(),
        note,
        FormErrors::default(),
    )
}

pub async fn submit_task(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
    FormPairs(pairs): FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(
        pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str()),
    )?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let mut order: Vec<(usize, String)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("order_")
                .and_then(|p| p.parse().ok())
                .map(|p: usize| (p, v.clone()))
        })
        .collect();
    order.sort();
    let mut matches: Vec<(usize, usize)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.strip_prefix("match_")?.parse().ok()?,
                v.parse().unwrap_or(usize::MAX),
            ))
        })
        .collect();
    matches.sort();
    let answer = TaskAnswer {
        choice: get("choice"),
        order: order.into_iter().map(|(_, v)| v).collect(),
        matches: matches.into_iter().map(|(_, v)| v).collect(),
        text: get("text").unwrap_or_default(),
    };
    match tasks::submit(&st, &me, &id, &answer).await {
        Ok(r) => Ok(Redirect::to(if r.state == "done" {
            "/learn?notice=task"
        } else {
            "/learn?notice=task_grading"
        })
        .into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let (course, id) = tasks::task(&st, &me, &id).await?;
            let note = returned_note(&st, &me, &id).await?;
            let mut res = task_page(&ctx, &me, &course, &id, answer.text, note, errors)?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}
