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
///
/// Nothing is read into memory whole: the role is checked before the body is read, the form's
/// anti-forgery token (the first field, as the page sends it) before the file, and the file is
/// streamed to a temporary file under a running size cap (`media.max_upload_mb`), then to the
/// object store in parts ([`crate::media::save_file`]).
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    mut form: Multipart,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    let cap = st.config.media.max_upload_mb.saturating_mul(1 << 20);
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut file: Option<crate::media::Spooled> = None;
    let too_large = |_| AppError::BadRequest("payload_too_large");
    while let Some(mut field) = form.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            // The token comes before the file: a forged form is refused before its file is read.
            ctx.check_csrf(fields.get("_csrf").map(String::as_str))?;
            let mut spool = crate::media::Spooled::create().await?;
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                spool.write(&chunk, cap).await?;
            }
            spool.finish().await?;
            file = Some(spool);
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
    let Some(file) = file else {
        return refused(
            &st,
            &ctx,
            &me,
            refuse("media_type"),
            None,
            Default::default(),
        )
        .await;
    };
    let format = Format::sniff(file.head());
    let problem = problem.or_else(|| match format {
        // Posters are made with rendered videos, not uploaded.
        None | Some(Format::Jpeg) => Some(refuse("media_type")),
        _ => None,
    });
    let problem = match (problem, format) {
        (None, Some(Format::WebVtt)) if !file.is_utf8().await => Some(refuse("media_type")),
        (p, _) => p,
    };
    let mut duration_ms = None;
    let problem = match (problem, format) {
        (Some(p), _) => Some(p),
        (None, Some(f)) if f.kind() == "video" => {
            duration_ms = match crate::media::probe_duration_file(file.path()).await {
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
    crate::media::save_file(
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
        file,
    )
    .await?;
    Ok(Redirect::to("/author?notice=uploaded").into_response())
}
