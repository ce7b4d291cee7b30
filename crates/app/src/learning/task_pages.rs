//! The short-task pages.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::{Course, TaskKind};

use super::tasks::{self, TaskAnswer, TaskView};
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
    kind: TaskKind,
    t: TaskView,
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

/// What the trainee sees besides the task: their last text, a grader's note, errors.
struct Draft {
    text: String,
    returned_note: Option<String>,
    errors: FormErrors,
}

fn task_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    course: &Course,
    id: &str,
    draft: Draft,
) -> AppResult<Response> {
    let Draft {
        text,
        returned_note,
        errors,
    } = draft;
    let task = tasks::find_task(course, id)?;
    let tr = Tr::new(ctx.lang);
    let t = tasks::view(st, me, task, tr.is_ur());
    let page = TaskPage {
        kind: task.kind,
        positions: (1..=t.options.len()).collect(),
        words_label: tr.ta(
            "learn-write-words",
            &[
                ("min", t.min_words.unwrap_or(0).to_string()),
                ("max", t.max_words.unwrap_or(0).to_string()),
            ],
        ),
        t,
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
        &st,
        &ctx,
        &me,
        &course,
        &id,
        Draft {
            text: String::new(),
            returned_note: note,
            errors: FormErrors::default(),
        },
    )
}

/// Fields: `choice` (scenario), `order_<position>` (ordering), `match_<left index>` (matching),
/// `text` (reflection); values are the tokens the page showed.
pub async fn submit_task(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let numbered = |prefix: &str| {
        let mut v: Vec<(usize, String)> = form
            .0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.parse().ok()?, v.clone())))
            .collect();
        v.sort();
        v.into_iter()
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
    };
    let answer = TaskAnswer {
        choice: form.get("choice").map(str::to_owned),
        order: numbered("order_"),
        matches: numbered("match_"),
        text: form.get("text").unwrap_or_default().to_owned(),
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
            let mut res = task_page(
                &st,
                &ctx,
                &me,
                &course,
                &id,
                Draft {
                    text: answer.text,
                    returned_note: note,
                    errors,
                },
            )?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}
