//! The authoring pages (content admins only): the overview of the draft (its files, its
//! problems, the video lessons' media), also shown again when an action is refused. The editor
//! is in `edit_page.rs`, the draft-wide actions in `draft_actions.rs`, uploads in
//! `media_upload.rs`; their handlers are re-exported here for the router.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use psk_course::{Course, LessonKind, Problem};
use serde::Deserialize;

use super::service::{self, AUTHORS};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, FormErrors, html};

pub use super::draft_actions::{create, delete, export, publish, restart};
pub use super::edit_page::{EditQuery, edit, save};
pub use super::media_upload::upload;

/// A file of the draft, as listed.
struct FileLink {
    path: String,
    name: String,
}

/// A module folder and its files.
struct Folder {
    dir: String,
    files: Vec<FileLink>,
    /// Lessons by stem (`modules/<dir>/lessons/<stem>`), each edited in both languages.
    lessons: Vec<FileLink>,
}

struct MediaLine {
    id: String,
    lang: String,
    kind: String,
    kb: i64,
    seconds: String,
}

struct VideoLesson {
    id: String,
    title: String,
    media: Vec<MediaLine>,
}

#[derive(Template)]
#[template(path = "author.html")]
struct OverviewPage {
    tr: Tr,
    base: Base,
    notice: String,
    summary: String,
    problems: Vec<String>,
    top: Vec<FileLink>,
    folders: Vec<Folder>,
    videos: Vec<VideoLesson>,
    /// How many lesson videos are made, and what is being made now.
    video_progress: Vec<String>,
    errors: FormErrors,
    new_path: String,
    new_text: String,
}

#[derive(Deserialize)]
pub struct OverviewQuery {
    #[serde(default)]
    notice: String,
    #[serde(default)]
    version: String,
}

pub(super) fn show(p: &Problem) -> String {
    format!("{}:{}: {}", p.path, p.line, p.message)
}

async fn overview_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    notice: String,
    errors: FormErrors,
    problems_override: Option<Vec<Problem>>,
    new_file: (String, String),
) -> AppResult<OverviewPage> {
    let tr = Tr::new(ctx.lang);
    let urdu = tr.is_ur();
    let files = service::draft(st, me).await?;
    let checked = service::check_draft(st, me).await?;
    let (summary, mut problems, course): (String, Vec<String>, Option<Course>) = match checked {
        Ok(c) => {
            let (m, l, q, t) = c.counts();
            let s = tr.ta(
                "author-draft-ok",
                &[
                    ("version", c.version.clone()),
                    ("modules", m.to_string()),
                    ("lessons", l.to_string()),
                    ("questions", q.to_string()),
                    ("tasks", t.to_string()),
                ],
            );
            (s, vec![], Some(c))
        }
        Err(ps) => (
            tr.t1("author-draft-problems", "count", ps.len()),
            ps.iter().map(show).collect(),
            None,
        ),
    };
    if let Some(ps) = problems_override {
        problems = ps.iter().map(show).collect();
    }
    let mut top = vec![];
    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    for f in &files {
        let parts: Vec<&str> = f.path.split('/').collect();
        match parts.as_slice() {
            ["modules", dir, rest @ ..] => {
                let folder = folders.entry((*dir).to_owned()).or_insert_with(|| Folder {
                    dir: (*dir).to_owned(),
                    files: vec![],
                    lessons: vec![],
                });
                match rest {
                    ["lessons", name] => {
                        let stem = name
                            .trim_end_matches(".en.md")
                            .trim_end_matches(".ur.md")
                            .to_owned();
                        let path = format!("modules/{dir}/lessons/{stem}");
                        if !folder.lessons.iter().any(|l| l.path == path) {
                            folder.lessons.push(FileLink { path, name: stem });
                        }
                    }
                    _ => folder.files.push(FileLink {
                        path: f.path.clone(),
                        name: rest.join("/"),
                    }),
                }
            }
            _ => top.push(FileLink {
                path: f.path.clone(),
                name: f.path.clone(),
            }),
        }
    }
    // Video lessons of the draft when it is sound, else of the published version.
    let course = match course {
        Some(c) => Some(std::sync::Arc::new(c)),
        None => match psk_store::course::latest(st.db.ex()).await? {
            Some(v) => Some(crate::learning::service::load_version(st, v.id).await?),
            None => None,
        },
    };
    let media = psk_store::media::current(st.db.ex()).await?;
    let video_progress = course
        .as_deref()
        .map(|c| video_progress(st, &tr, c, &media))
        .unwrap_or_default();
    let videos = course
        .iter()
        .flat_map(|c| c.modules.iter().flat_map(|m| m.lessons.iter()))
        .filter(|l| l.kind == LessonKind::Video)
        .map(|l| VideoLesson {
            id: l.id.clone(),
            title: l.title.get(urdu).to_owned(),
            media: media
                .iter()
                .filter(|m| m.lesson_id == l.id)
                .map(|m| MediaLine {
                    id: m.id.to_string(),
                    lang: tr.t(&format!("language-{}", m.lang)),
                    kind: tr.t(&format!("author-kind-{}", m.kind)),
                    kb: m.bytes / 1024,
                    seconds: m
                        .duration_ms
                        .map(|d| format!("{:.1}", d as f64 / 1000.0))
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    Ok(OverviewPage {
        base: Base::new(ctx, Some(me)),
        tr,
        notice,
        summary,
        problems,
        top,
        folders: folders.into_values().collect(),
        videos,
        video_progress,
        errors,
        new_path: new_file.0,
        new_text: new_file.1,
    })
}

/// The overview again with what went wrong (422); nothing was changed.
pub(super) async fn refused(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    errors: FormErrors,
    problems: Option<Vec<Problem>>,
    new_file: (String, String),
) -> AppResult<Response> {
    let page = overview_page(st, ctx, me, String::new(), errors, problems, new_file).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)?).into_response())
}

pub async fn overview(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<OverviewQuery>,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    let tr = Tr::new(ctx.lang);
    let notice = match q.notice.as_str() {
        "published" => tr.t1("author-published", "version", &q.version),
        "unchanged" => tr.t1("author-unchanged", "version", &q.version),
        "restarted" | "deleted" | "uploaded" | "created" => tr.t(&format!("author-{}", q.notice)),
        _ => String::new(),
    };
    let page = overview_page(
        &st,
        &ctx,
        &me,
        notice,
        FormErrors::default(),
        None,
        Default::default(),
    )
    .await?;
    Ok(html(&page)?.into_response())
}

/// "12 of 16 lesson videos are made", and what the background rendering is doing.
fn video_progress(
    st: &AppState,
    tr: &Tr,
    course: &Course,
    media: &[psk_store::media::MediaRow],
) -> Vec<String> {
    let (made, total) = crate::media::background::made(course, media);
    let mut lines = vec![tr.ta(
        "author-videos-made",
        &[("made", made.to_string()), ("total", total.to_string())],
    )];
    if let Some(now) = st.video_render.now() {
        lines.push(tr.ta(
            "author-videos-making",
            &[
                ("lesson", now.lesson),
                ("language", tr.t(&format!("language-{}", now.lang))),
                ("done", now.done.to_string()),
                ("total", now.total.to_string()),
            ],
        ));
    } else if made < total {
        lines.push(tr.t("author-videos-how"));
    }
    lines
}
