//! Web pages of the final test. Without JavaScript the page saves every answer with "Save my
//! answers"; with it, each answer is saved the moment it is given and the time left counts down.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, AttemptView, TestResult, TestStatus};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, html};

#[derive(Template)]
#[template(path = "test.html")]
struct OverviewPage {
    tr: Tr,
    base: Base,
    s: TestStatus,
    rules: String,
    attempts_left: String,
    /// (attempt, "Attempt 1: 55%", passed)
    results: Vec<(Uuid, String, bool)>,
    /// Hours and minutes until the next attempt may start.
    wait: String,
    /// Every attempt of the round used: when the next round opens, and what to do meanwhile.
    new_round: String,
    certificate: Option<String>,
}

pub async fn overview(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<Response> {
    let s = service::status(&st, &me).await?;
    let tr = Tr::new(ctx.lang);
    let mut results = vec![];
    for a in psk_store::exam::attempts(st.db.ex(), me.id).await? {
        if a.submitted_at.is_some() {
            results.push(service::result(&st, &me, a.id, tr.is_ur()).await?);
        }
    }
    let wait = s
        .next_attempt_at
        .map(|t| {
            let mins = (t - st.clock.now()).num_minutes().max(1);
            tr.ta(
                "test-wait",
                &[
                    ("hours", (mins / 60).to_string()),
                    ("minutes", (mins % 60).to_string()),
                ],
            )
        })
        .unwrap_or_default();
    let certificate = results.iter().find_map(|r| r.certificate.clone());
    let new_round = s
        .new_round_at
        .map(|t| {
            tr.ta(
                "test-new-round",
                &[
                    ("attempts", s.attempts_allowed.to_string()),
                    ("date", crate::time::pakistan_date(t).to_string()),
                ],
            )
        })
        .unwrap_or_default();
    let rules = tr.ta(
        "test-rules",
        &[
            ("questions", s.questions.to_string()),
            ("minutes", s.minutes.to_string()),
            ("percent", s.pass_percent.to_string()),
            ("attempts", s.attempts_allowed.to_string()),
        ],
    );
    let attempts_left = tr.ta(
        "test-attempts-left",
        &[
            ("used", s.attempts_used.to_string()),
            ("allowed", s.attempts_allowed.to_string()),
        ],
    );
    let results = results
        .iter()
        .map(|r| {
            let line = tr.ta(
                "test-attempt-line",
                &[
                    ("number", r.number.to_string()),
                    ("percent", r.percent.to_string()),
                ],
            );
            (r.attempt_id, line, r.passed)
        })
        .collect();
    Ok(html(&OverviewPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        s,
        rules,
        attempts_left,
        results,
        wait,
        new_round,
        certificate,
    })?
    .into_response())
}

pub async fn start(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let id = service::start(&st, &me).await?;
    Ok(Redirect::to(&format!("/test/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "test_attempt.html")]
struct AttemptPage {
    tr: Tr,
    base: Base,
    a: AttemptView,
    minutes_left: i64,
    saved: bool,
}

#[derive(Template)]
#[template(path = "test_result.html")]
struct ResultPage {
    tr: Tr,
    base: Base,
    r: TestResult,
}

#[derive(Deserialize)]
pub struct AttemptQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn attempt(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    axum::extract::Query(q): axum::extract::Query<AttemptQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let a = service::view(&st, &me, id, tr.is_ur()).await?;
    if a.submitted {
        let r = service::result(&st, &me, id, tr.is_ur()).await?;
        return Ok(html(&ResultPage {
            base: Base::new(&ctx, Some(&me)),
            tr,
            r,
        })?
        .into_response());
    }
    Ok(html(&AttemptPage {
        base: Base::new(&ctx, Some(&me)),
        minutes_left: (a.seconds_left + 59) / 60,
        a,
        tr,
        saved: q.saved.is_some(),
    })?
    .into_response())
}

/// "Save my answers" or "Submit the test" (the form of the attempt page).
pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let view = service::view(&st, &me, id, false).await?;
    let mut answers = form.answers();
    let mut time_over = view.submitted;
    for q in &view.questions {
        if time_over {
            break;
        }
        let given = answers.remove(&q.question.id).unwrap_or_default();
        if given == q.answer {
            continue;
        }
        match service::answer(&st, &me, id, &q.question.id, &given).await {
            Ok(()) => {}
            Err(AppError::Gone("test_time_over")) => time_over = true,
            Err(e) => return Err(e),
        }
    }
    if form.get("action") == Some("submit") && !time_over {
        service::submit(&st, &me, id, false).await?;
    }
    let to = if time_over || form.get("action") == Some("submit") {
        format!("/test/{id}")
    } else {
        format!("/test/{id}?saved=1")
    };
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneAnswer {
    question: String,
    options: Vec<String>,
}

/// One answer saved the moment it is given (JavaScript); the token comes in `X-CSRF-Token`.
pub async fn answer_one(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<OneAnswer>,
) -> AppResult<StatusCode> {
    ctx.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    service::answer(&st, &me, id, &body.question, &body.options).await?;
    Ok(StatusCode::NO_CONTENT)
}
