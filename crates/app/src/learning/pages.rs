//! Web pages of the course.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::Course;
use serde::Deserialize;
use uuid::Uuid;

use super::quiz::{self, QuizResult, QuizView};
use super::service::{self, LessonStatus, Progress};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::{FormPairs, OptionalApiJson};
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
    video: Option<VideoView>,
    /// A video lesson whose video is not made yet: the page says so and offers the transcript.
    video_pending: bool,
}

/// The lesson's video as the page shows it.
struct VideoView {
    id: Uuid,
    /// The picture shown before play: the rendered first slide, or the plain one.
    poster: String,
    captions: Vec<CaptionView>,
    /// Megabytes, one decimal.
    mb: String,
    percent: u32,
    watched_percent: i64,
    /// Where the player resumes (seconds).
    start: i64,
}

struct CaptionView {
    id: Uuid,
    lang: String,
    label: String,
}

async fn lesson_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    course: &Course,
    status: LessonStatus,
    errors: FormErrors,
) -> AppResult<Response> {
    let values = crate::admin::settings::effective(st, course).await?;
    let (module, lesson) = course.lesson(&status.id).ok_or(AppError::NotFound)?;
    let tr = Tr::new(ctx.lang);
    let media = if lesson.kind == psk_course::LessonKind::Video {
        crate::media::for_lesson(st, &lesson.id, ctx.lang.code()).await?
    } else {
        Default::default()
    };
    let position = psk_store::learning::lesson(st.db.ex(), me.id, &lesson.id)
        .await?
        .and_then(|p| p.video_position_ms)
        .unwrap_or(0);
    let video_pending = lesson.kind == psk_course::LessonKind::Video && media.video.is_none();
    let poster = media.poster.as_ref().map_or_else(
        || "/static/poster.svg".to_owned(),
        |p| format!("/media/{}", p.id),
    );
    let video = media.video.map(|v| {
        let duration = v.duration_ms.unwrap_or(0).max(1);
        VideoView {
            id: v.id,
            poster,
            captions: media
                .captions
                .iter()
                .map(|c| CaptionView {
                    id: c.id,
                    lang: c.lang.clone(),
                    label: tr.t(&format!("language-{}", c.lang)),
                })
                .collect(),
            mb: format!("{:.1}", v.bytes as f64 / 1_000_000.0),
            percent: st.config.learning.video_complete_percent,
            watched_percent: (status.watched_seconds * 100_000 / duration).min(100),
            start: if position + 5_000 < duration {
                position / 1000
            } else {
                0
            },
        }
    });
    let urdu = tr.is_ur();
    let body = super::markdown::render(
        lesson.body.get(urdu),
        &values,
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
        video,
        video_pending,
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
    let mut res = lesson_page(&st, &ctx, &me, &course, status, FormErrors::default()).await?;
    // The one kind of page the service worker keeps for reading offline (static/sw.js keeps
    // nothing marked no-store): the course text and the trainee's own progress, no name or
    // number. The browser may keep it privately and must ask again before using it online.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}

/// The page's heartbeat (JavaScript, every 15 s while visible); the anti-forgery token comes in
/// the `X-CSRF-Token` header.
pub async fn heartbeat(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    OptionalApiJson(beat): OptionalApiJson<service::Heartbeat>,
) -> AppResult<axum::Json<LessonStatus>> {
    ctx.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    Ok(axum::Json(
        service::heartbeat(&st, &me, &id, beat.unwrap_or_default()).await?,
    ))
}

pub async fn done(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<String>,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
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
            let mut res = lesson_page(&st, &ctx, &me, &course, status, errors).await?;
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
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
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
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let answers = form.answers();
    quiz::submit_quiz(&st, &me, id, &answers, ctx.lang.is_rtl()).await?;
    Ok(Redirect::to(&format!("/learn/quiz/{id}")).into_response())
}
