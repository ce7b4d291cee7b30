//! Web pages of the course.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::{Course, TaskKind};
use serde::Deserialize;
use uuid::Uuid;

use super::quiz::{self, QuizResult, QuizView};
use super::service::{self, LessonStatus, Progress};
use super::tasks::{self, TaskAnswer};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "learn.html")]
struct OverviewPage {
    tr: Tr,
    base: Base,
    course: std::sync::Arc<Course>,
    p: Progress,
    notice: String,
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    notice: String,
}

pub async fn overview(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<NoticeQuery>,
) -> AppResult<Response> {
    let (course, p) = service::progress(&st, &me).await?;
    let tr = Tr::new(ctx.lang);
    let notice = match q.notice.as_str() {
        "lesson" | "task" | "task_grading" => {
            tr.t(&format!("learn-notice-{}", q.notice.replace('_', "-")))
        }
        _ => String::new(),
    };
    Ok(html(&OverviewPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        course,
        p,
        notice,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "lesson.html")]
struct LessonPage {
    tr: Tr,
    base: Base,
    module_title: String,
    title: String,
    body: String,
    status: LessonStatus,
    minutes: i64,
    errors: FormErrors,
}

fn lesson_page(
    values: &std::collections::BTreeMap<String, String>,
    ctx: &Ctx,
    me: &CurrentUser,
    course: &Course,
    status: LessonStatus,
    errors: FormErrors,
) -> AppResult<Response> {
    let (module, lesson) = course.lesson(&status.id).ok_or(AppError::NotFound)?;
    let tr = Tr::new(ctx.lang);
    let urdu = tr.is_ur();
    let body = super::markdown::render(
        lesson.body.get(urdu),
        values,
        &course.settings,
        urdu,
        &tr.t("setting-unset"),
    );
    let page = LessonPage {
        module_title: module.title.get(urdu).to_owned(),
        title: lesson.title.get(urdu).to_owned(),
        body,
        minutes: (status.min_seconds + 59) / 60,
        status,
        errors,
        base: Base::new(ctx, Some(me)),
        tr,
    };
    Ok(html(&page)?.into_response())
}

pub async fn lesson(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (course, status) = service::open_lesson(&st, &me, &id).await?;
    let values = crate::admin::settings::effective(&st).await?;
    lesson_page(&values, &ctx, &me, &course, status, FormErrors::default())
}

/// The page's heartbeat (JavaScript, every 15 s while visible); the anti-forgery token comes in
/// the `X-CSRF-Token` header.
pub async fn heartbeat(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<axum::Json<LessonStatus>> {
    ctx.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    Ok(axum::Json(service::heartbeat(&st, &me, &id).await?))
}

pub async fn done(
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
    match service::confirm_read(&st, &me, &id).await {
        Ok(_) => Ok(Redirect::to("/learn?notice=lesson").into_response()),
        Err(AppError::NotYet { seconds_left }) => {
            let (course, status) = service::open_lesson(&st, &me, &id).await?;
            let tr = Tr::new(ctx.lang);
            let errors = FormErrors::general(tr.t1(
                "learn-keep-reading",
                "minutes",
                (seconds_left + 59) / 60,
            ));
            let values = crate::admin::settings::effective(&st).await?;
            let mut res = lesson_page(&values, &ctx, &me, &course, status, errors)?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

pub async fn start_quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(module): Path<String>,
    FormPairs(pairs): FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(
        pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str()),
    )?;
    let id = quiz::start_quiz(&st, &me, &module).await?;
    Ok(Redirect::to(&format!("/learn/quiz/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "quiz.html")]
struct QuizPage {
    tr: Tr,
    base: Base,
    module_title: String,
    quiz: QuizView,
}

#[derive(Template)]
#[template(path = "quiz_result.html")]
struct ResultPage {
    tr: Tr,
    base: Base,
    module_title: String,
    r: QuizResult,
}

pub async fn quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let quiz = quiz::quiz_view(&st, &me, id, tr.is_ur()).await?;
    let (_, course) = service::course_for(&st, &me).await?;
    let module_title = course
        .module(&quiz.module_id)
        .map(|m| m.title.get(tr.is_ur()).to_owned())
        .unwrap_or_default();
    if quiz.submitted {
        let r = quiz::quiz_result(&st, &me, id, tr.is_ur()).await?;
        return Ok(html(&ResultPage {
            base: Base::new(&ctx, Some(&me)),
            tr,
            module_title,
            r,
        })?
        .into_response());
    }
    Ok(html(&QuizPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        module_title,
        quiz,
    })?
    .into_response())
}

/// Answers arrive as `q_<question>` (one or several values) and, for orderings,
/// `q_<question>_<position>`.
pub async fn submit_quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    FormPairs(pairs): FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(
        pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str()),
    )?;
    let mut answers: HashMap<String, Vec<(u32, String)>> = HashMap::new();
    for (k, v) in &pairs {
        let Some(rest) = k.strip_prefix("q_") else {
            continue;
        };
        let (qid, pos) = match rest.rsplit_once("__") {
            Some((q, p)) => (q.to_owned(), p.parse().unwrap_or(0)),
            None => (rest.to_owned(), 0),
        };
        answers.entry(qid).or_default().push((pos, v.clone()));
    }
    let answers = answers
        .into_iter()
        .map(|(q, mut v)| {
            v.sort_by_key(|(p, _)| *p);
            (
                q,
                v.into_iter()
                    .map(|(_, id)| id)
                    .filter(|id| !id.is_empty())
                    .collect(),
            )
        })
        .collect();
    quiz::submit_quiz(&st, &me, id, &answers, ctx.lang.is_rtl()).await?;
    Ok(Redirect::to(&format!("/learn/quiz/{id}")).into_response())
}

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
