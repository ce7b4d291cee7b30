//! Uploading a lesson video or captions file from the authoring overview (content admins only).

use std::collections::BTreeMap;

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::{Course, LessonKind};

use super::pages::refused;
use super::service::{self, AUTHORS};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::media::{Format, NewMedia};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::FormErrors;

/// `POST /author/media` (multipart): a video or captions file for a video lesson.
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    mut form: Multipart,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut file: Option<bytes::Bytes> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("payload_too_large"))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            file = Some(
                field
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest("payload_too_large"))?,
            );
        } else {
            let v = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("malformed_body"))?;
            fields.insert(name, v);
        }
    }
    ctx.check_csrf(fields.get("_csrf").map(String::as_str))?;
    let tr = Tr::new(ctx.lang);
    let refuse = |code: &str| FormErrors::general(tr.error("media", code));
    let lesson = fields.get("lesson").cloned().unwrap_or_default();
    let lang = fields.get("lang").cloned().unwrap_or_default();
    let latest = psk_store::course::latest(st.db.ex())
        .await?
        .ok_or(AppError::Gone("course_unavailable"))?;
    let course = crate::learning::service::load_version(&st, latest.id).await?;
    let draft_course = service::check_draft(&st, &me).await?.ok();
    let is_video = |c: &Course| {
        c.lesson(&lesson)
            .is_some_and(|(_, l)| l.kind == LessonKind::Video)
    };
    let problem = if !(is_video(&course) || draft_course.as_ref().is_some_and(is_video)) {
        Some(refuse("media_lesson"))
    } else if !matches!(lang.as_str(), "en" | "ur") {
        Some(refuse("choose_option"))
    } else {
        None
    };
    let bytes = file.unwrap_or_default();
    let format = Format::sniff(&bytes);
    let problem = problem.or_else(|| match format {
        // Posters are made with rendered videos, not uploaded.
        None | Some(Format::Jpeg) => Some(refuse("media_type")),
        Some(Format::WebVtt) if std::str::from_utf8(&bytes).is_err() => Some(refuse("media_type")),
        _ => None,
    });
    let mut duration_ms = None;
    let problem = match (problem, format) {
        (Some(p), _) => Some(p),
        (None, Some(f)) if f.kind() == "video" => {
            duration_ms = match crate::media::probe_duration_ms(&bytes).await {
                Some(ms) => Some(ms),
                None => fields
                    .get("duration_seconds")
                    .and_then(|s| s.trim().parse::<f64>().ok())
                    .filter(|s| s.is_finite() && *s > 0.0 && *s < 4.0 * 3600.0)
                    .map(|s| (s * 1000.0).round() as i64),
            };
            duration_ms.is_none().then(|| refuse("media_duration"))
        }
        _ => None,
    };
    if let Some(errors) = problem {
        return refused(&st, &ctx, &me, errors, None, Default::default()).await;
    }
    let format = format.ok_or(AppError::BadRequest("malformed_body"))?;
    crate::media::save(
        &st,
        NewMedia {
            lesson_id: &lesson,
            lang: &lang,
            format,
            duration_ms,
            source: "uploaded",
            source_hash: None,
            created_by: Some(me.id),
        },
        bytes,
    )
    .await?;
    Ok(Redirect::to("/author?notice=uploaded").into_response())
}
