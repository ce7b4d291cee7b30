//! JSON endpoints of the course for the mobile app. The answer key never leaves the server.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::quiz::{self, QuizResult, QuizView};
use super::service::{self, Heartbeat, LessonStatus, Progress};
use super::tasks::{self, TaskAnswer, TaskResult};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, OptionalApiJson};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(progress))
        .routes(routes!(lesson))
        .routes(routes!(heartbeat))
        .routes(routes!(complete))
        .routes(routes!(start_quiz))
        .routes(routes!(quiz))
        .routes(routes!(answer_quiz))
        .routes(routes!(task))
        .routes(routes!(submit_task))
}

/// The course outline is in the request's language; progress per module, lesson, quiz and task.
#[derive(Serialize, ToSchema)]
struct ProgressOut {
    #[serde(flatten)]
    progress: Progress,
    /// Module and lesson titles in the request's language, by id.
    titles: HashMap<String, String>,
}

/// My progress through the course (enrolls me in the current version on first use).
#[utoipa::path(get, path = "/api/v1/learning", tag = "learning", security(("bearer" = [])), responses((status = 200, body = ProgressOut)))]
async fn progress(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<ProgressOut>> {
    let (course, progress) = service::progress(&st, &me).await?;
    let urdu = ctx.lang.is_rtl();
    let mut titles = HashMap::new();
    for m in &course.modules {
        titles.insert(m.id.clone(), m.title.get(urdu).to_owned());
        for l in &m.lessons {
            titles.insert(l.id.clone(), l.title.get(urdu).to_owned());
        }
        for t in &m.tasks {
            titles.insert(t.id.clone(), t.title.get(urdu).to_owned());
        }
    }
    Ok(axum::Json(ProgressOut { progress, titles }))
}

#[derive(Serialize, ToSchema)]
struct LessonOut {
    title: String,
    /// Markdown in the request's language, settings filled in.
    body: String,
    status: LessonStatus,
    /// The lesson's video (in the request's language when there is one). Send its id and the
    /// player's position with each heartbeat while it plays.
    video: Option<MediaOut>,
    /// Captions (WebVTT), the request's language first.
    captions: Vec<MediaOut>,
}

#[derive(Serialize, ToSchema)]
pub struct MediaOut {
    pub id: Uuid,
    pub lang: String,
    /// Fetch with the same bearer token; range requests are supported.
    pub url: String,
    pub content_type: String,
    pub bytes: i64,
    pub duration_seconds: Option<f64>,
}

impl From<&psk_store::media::MediaRow> for MediaOut {
    fn from(m: &psk_store::media::MediaRow) -> Self {
        MediaOut {
            id: m.id,
            lang: m.lang.clone(),
            url: format!("/api/v1/media/{}", m.id),
            content_type: m.content_type.clone(),
            bytes: m.bytes,
            duration_seconds: m.duration_ms.map(|d| d as f64 / 1000.0),
        }
    }
}

/// Open a lesson: its text, and reading time starts counting.
#[utoipa::path(get, path = "/api/v1/learning/lessons/{id}", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = LessonOut), (status = 404, body = ProblemDoc)))]
async fn lesson(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<axum::Json<LessonOut>> {
    let (course, status) = service::open_lesson(&st, &me, &id).await?;
    let (_, l) = course.lesson(&id).ok_or(AppError::NotFound)?;
    let urdu = ctx.lang.is_rtl();
    let mut body = l.body.get(urdu).to_owned();
    let values = crate::admin::settings::effective(&st, &course).await?;
    for (k, _) in &course.settings {
        if let Some(v) = values.get(k) {
            body = body.replace(&format!("{{{{setting:{k}}}}}"), v);
        }
    }
    let media = crate::media::for_lesson(&st, &id, ctx.lang.code()).await?;
    Ok(axum::Json(LessonOut {
        title: l.title.get(urdu).to_owned(),
        body,
        status,
        video: media.video.as_ref().map(MediaOut::from),
        captions: media.captions.iter().map(MediaOut::from).collect(),
    }))
}

/// Heartbeat while the lesson is on screen (every 15 s). Only real time is credited.
#[utoipa::path(post, path = "/api/v1/learning/lessons/{id}/heartbeat", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)),
    request_body(content = Option<Heartbeat>, description = "While a video plays: the video's media id and the player's position. Only stretches played at normal speed in real time count; the lesson completes when the configured share of the video is watched."),
    responses((status = 200, body = LessonStatus), (status = 410, body = ProblemDoc, description = "Open the lesson first")))]
async fn heartbeat(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    OptionalApiJson(beat): OptionalApiJson<Heartbeat>,
) -> AppResult<axum::Json<LessonStatus>> {
    Ok(axum::Json(
        service::heartbeat(&st, &me, &id, beat.unwrap_or_default()).await?,
    ))
}

/// "I have read this lesson": completes it once enough time has been spent on it.
#[utoipa::path(post, path = "/api/v1/learning/lessons/{id}/complete", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = LessonStatus), (status = 409, body = ProblemDoc, description = "Not read long enough yet: retry_after says how many seconds remain")))]
async fn complete(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<axum::Json<LessonStatus>> {
    Ok(axum::Json(service::confirm_read(&st, &me, &id).await?))
}

/// Start a quiz attempt for a module (unlimited retries; each draws its own questions).
#[utoipa::path(post, path = "/api/v1/learning/modules/{id}/quizzes", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 201, body = QuizView), (status = 404, body = ProblemDoc)))]
async fn start_quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(module): Path<String>,
) -> AppResult<(StatusCode, axum::Json<QuizView>)> {
    let id = quiz::start_quiz(&st, &me, &module).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(quiz::quiz_view(&st, &me, id, ctx.lang.is_rtl()).await?),
    ))
}

/// One of my quiz attempts.
#[utoipa::path(get, path = "/api/v1/learning/quizzes/{id}", tag = "learning", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = QuizView), (status = 404, body = ProblemDoc)))]
async fn quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<QuizView>> {
    Ok(axum::Json(
        quiz::quiz_view(&st, &me, id, ctx.lang.is_rtl()).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AnswersIn {
    /// Question id → chosen option ids (ordering: in order).
    answers: HashMap<String, Vec<String>>,
}

/// Submit the answers: scored on the server, with feedback and explanations. Submitting again
/// returns the first result.
#[utoipa::path(post, path = "/api/v1/learning/quizzes/{id}/answers", tag = "learning", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = AnswersIn,
    responses((status = 200, body = QuizResult), (status = 404, body = ProblemDoc)))]
async fn answer_quiz(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<AnswersIn>,
) -> AppResult<axum::Json<QuizResult>> {
    Ok(axum::Json(
        quiz::submit_quiz(&st, &me, id, &body.answers, ctx.lang.is_rtl()).await?,
    ))
}

/// A short task: options and match items carry tokens, never the key.
#[utoipa::path(get, path = "/api/v1/learning/tasks/{id}", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = tasks::TaskView), (status = 404, body = ProblemDoc)))]
async fn task(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<axum::Json<tasks::TaskView>> {
    let (course, id) = tasks::task(&st, &me, &id).await?;
    Ok(axum::Json(tasks::view(
        &st,
        &me,
        tasks::find_task(&course, &id)?,
        ctx.lang.is_rtl(),
    )))
}

/// Submit a short task (option and match tokens as the task view gave them).
#[utoipa::path(post, path = "/api/v1/learning/tasks/{id}/submissions", tag = "learning", security(("bearer" = [])), params(("id" = String, Path)), request_body = TaskAnswer,
    responses((status = 201, body = TaskResult), (status = 422, body = ProblemDoc)))]
async fn submit_task(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    ApiJson(answer): ApiJson<TaskAnswer>,
) -> AppResult<(StatusCode, axum::Json<TaskResult>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(tasks::submit(&st, &me, &id, &answer).await?),
    ))
}
