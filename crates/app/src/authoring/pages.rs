//! The authoring pages (content admins only).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use psk_course::{Course, LessonKind, Problem};
use serde::Deserialize;

use super::service::{self, AUTHORS, Edit, Refused};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::media::{Format, NewMedia};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

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

fn show(p: &Problem) -> String {
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
        errors,
        new_path: new_file.0,
        new_text: new_file.1,
    })
}

/// The overview again with what went wrong (422); nothing was changed.
async fn refused(
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

/// One file in the editor.
struct Editor {
    path: String,
    base: String,
    text: String,
    /// For a lesson: its body rendered as trainees see it.
    preview: String,
    rtl: bool,
}

/// A question or task of a module file, as reviewers check it: both languages, the key marked.
struct ItemView {
    id: String,
    kind: String,
    prompt: psk_course::Text,
    options: Vec<OptionView>,
    explanation: psk_course::Text,
}

struct OptionView {
    /// ✓, a position, or a credit: the key.
    key: String,
    text: psk_course::Text,
}

fn choice_views(options: &[psk_course::Choice]) -> Vec<OptionView> {
    options
        .iter()
        .map(|o| OptionView {
            key: match (o.position, o.credit) {
                (Some(p), _) => p.to_string(),
                (_, Some(c)) => format!("{c:.1}"),
                _ if o.correct => "✓".into(),
                _ => String::new(),
            },
            text: o.text.clone(),
        })
        .collect()
}

/// The questions or tasks of `path` (a module's `questions.toml` or `tasks.toml`), read from the
/// draft with the edited text in place, when the draft is sound.
fn item_views(draft: &[psk_store::authoring::FileRow], path: &str, text: &str) -> Vec<ItemView> {
    let Some(dir) = path
        .strip_suffix("/questions.toml")
        .or_else(|| path.strip_suffix("/tasks.toml"))
    else {
        return vec![];
    };
    let files: Vec<psk_course::SourceFile> = draft
        .iter()
        .map(|f| psk_course::SourceFile {
            path: f.path.clone(),
            text: if f.path == path {
                text.to_owned()
            } else {
                f.text.clone()
            },
        })
        .collect();
    let Ok(course) = psk_course::load(&files) else {
        return vec![];
    };
    let module_id = draft
        .iter()
        .find(|f| f.path == format!("{dir}/module.toml"))
        .and_then(|f| {
            f.text.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("id = \"")?
                    .strip_suffix('"')
                    .map(str::to_owned)
            })
        });
    let Some(m) = module_id.and_then(|id| course.module(&id).cloned()) else {
        return vec![];
    };
    if path.ends_with("/questions.toml") {
        m.questions
            .iter()
            .map(|q| ItemView {
                id: q.id.clone(),
                kind: format!("{:?}", q.kind).to_lowercase(),
                prompt: q.prompt.clone(),
                options: choice_views(&q.options),
                explanation: q.explanation.clone(),
            })
            .collect()
    } else {
        m.tasks
            .iter()
            .map(|t| {
                let mut options = choice_views(&t.options);
                options.extend(t.pairs.iter().map(|(l, r)| OptionView {
                    key: "↔".into(),
                    text: psk_course::Text {
                        en: format!("{} ↔ {}", l.en, r.en),
                        ur: format!("{} ↔ {}", l.ur, r.ur),
                    },
                }));
                options.extend(t.rubric.iter().map(|c| OptionView {
                    key: "•".into(),
                    text: c.clone(),
                }));
                ItemView {
                    id: t.id.clone(),
                    kind: format!("{:?}", t.kind).to_lowercase(),
                    prompt: psk_course::Text {
                        en: format!("{}: {}", t.title.en, t.prompt.en),
                        ur: format!("{}: {}", t.title.ur, t.prompt.ur),
                    },
                    options,
                    explanation: Default::default(),
                }
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "author_edit.html")]
struct EditPage {
    tr: Tr,
    base: Base,
    title: String,
    files: Vec<Editor>,
    items: Vec<ItemView>,
    /// Showing the questions or tasks of the file instead of its editor.
    previewing: bool,
    /// The other view of a question or task file: its preview, or back to its editor (a bank
    /// sent twice, as text and as preview, would pass the 50 KB page budget).
    items_link: Option<String>,
    problems: Vec<String>,
    errors: FormErrors,
    saved: bool,
}

impl EditPage {
    /// Shows the file's questions or tasks only when asked (`preview=1`), otherwise links there.
    fn items_on_request(mut self, previewing: bool) -> Self {
        let Some(path) = self.files.first().map(|f| f.path.clone()) else {
            return self;
        };
        if self.items.is_empty() {
            return self;
        }
        self.previewing = previewing;
        self.items_link = Some(if previewing {
            format!("/author/edit?path={path}")
        } else {
            self.items.clear();
            format!("/author/edit?path={path}&preview=1")
        });
        self
    }
}

#[derive(Deserialize)]
pub struct EditQuery {
    /// A file of the draft.
    #[serde(default)]
    path: String,
    /// A lesson (its path without `.en.md` / `.ur.md`): both languages together.
    #[serde(default)]
    lesson: String,
    #[serde(default)]
    saved: Option<String>,
    /// Show the questions or tasks of the file as reviewers check them.
    #[serde(default)]
    preview: Option<String>,
}

/// Renders a lesson file's body as the lesson page would.
fn preview(st_values: &BTreeMap<String, String>, path: &str, text: &str, unset: &str) -> String {
    if !path.ends_with(".md") {
        return String::new();
    }
    let body = text
        .strip_prefix("+++")
        .and_then(|rest| rest.find("\n+++").map(|i| &rest[i + 4..]))
        .unwrap_or(text);
    crate::learning::markdown::render(body, st_values, &[], path.ends_with(".ur.md"), unset)
}

async fn edit_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    files: Vec<(String, String, String)>,
    problems: Vec<String>,
    errors: FormErrors,
    saved: bool,
) -> AppResult<EditPage> {
    let tr = Tr::new(ctx.lang);
    let values = crate::admin::settings::effective(st, &crate::admin::settings::latest_course(st).await?).await?;
    let unset = tr.t("setting-unset");
    let draft = service::draft(st, me).await?;
    let items = files
        .first()
        .map(|(path, _, text)| item_views(&draft, path, text))
        .unwrap_or_default();
    let title = files
        .first()
        .map(|(p, _, _)| {
            p.trim_end_matches(".en.md")
                .trim_end_matches(".ur.md")
                .to_owned()
        })
        .unwrap_or_default();
    Ok(EditPage {
        files: files
            .into_iter()
            .map(|(path, base, text)| Editor {
                preview: preview(&values, &path, &text, &unset),
                rtl: path.ends_with(".ur.md"),
                path,
                base,
                text,
            })
            .collect(),
        items,
        previewing: false,
        items_link: None,
        base: Base::new(ctx, Some(me)),
        tr,
        title,
        problems,
        errors,
        saved,
    })
}

pub async fn edit(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<EditQuery>,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    let draft = service::draft(&st, &me).await?;
    let wanted: Vec<String> = if q.lesson.is_empty() {
        vec![q.path.clone()]
    } else {
        vec![format!("{}.en.md", q.lesson), format!("{}.ur.md", q.lesson)]
    };
    let mut files = vec![];
    for w in &wanted {
        let f = draft
            .iter()
            .find(|f| &f.path == w)
            .ok_or(AppError::NotFound)?;
        files.push((
            f.path.clone(),
            service::fingerprint(&f.text),
            f.text.clone(),
        ));
    }
    let page = edit_page(
        &st,
        &ctx,
        &me,
        files,
        vec![],
        FormErrors::default(),
        q.saved.is_some(),
    )
    .await?
    .items_on_request(q.preview.is_some());
    Ok(html(&page)?.into_response())
}

/// The edited files of a form: `path_N`, `base_N`, `text_N`.
fn edits(form: &FormPairs) -> Vec<Edit> {
    (0..4)
        .filter_map(|i| {
            let path = form.get(&format!("path_{i}"))?;
            Some(Edit {
                path: path.to_owned(),
                base: form.get(&format!("base_{i}")).unwrap_or("").to_owned(),
                // Browsers send CRLF line ends from text areas.
                text: form
                    .get(&format!("text_{i}"))
                    .unwrap_or("")
                    .replace("\r\n", "\n"),
            })
        })
        .collect()
}

pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    let edits = edits(&form);
    if edits.is_empty() {
        return Err(AppError::BadRequest("malformed_body"));
    }
    let tr = Tr::new(ctx.lang);
    let (problems, errors) = match service::save(&st, &me, &edits, &ctx.client_ip).await? {
        Ok(()) => {
            let first = &edits[0].path;
            let to = match first
                .strip_suffix(".en.md")
                .or(first.strip_suffix(".ur.md"))
            {
                Some(stem) if edits.len() == 2 => format!("/author/edit?lesson={stem}&saved=1"),
                _ => format!("/author/edit?path={first}&saved=1"),
            };
            return Ok(Redirect::to(&to).into_response());
        }
        Err(Refused::Problems(ps)) => (
            ps.iter().map(show).collect(),
            FormErrors::general(tr.t("author-file-problems")),
        ),
        Err(Refused::Conflict(_)) => (vec![], FormErrors::general(tr.t("author-conflict"))),
    };
    // Shown again with the author's text kept; nothing was saved.
    let files = edits
        .into_iter()
        .map(|e| (e.path, e.base, e.text))
        .collect();
    let page = edit_page(&st, &ctx, &me, files, problems, errors, false)
        .await?
        .items_on_request(false);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)?).into_response())
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    let path = form.get("path").unwrap_or("").trim().to_owned();
    let text = form.get("text").unwrap_or("").replace("\r\n", "\n");
    let edit = Edit {
        path: path.clone(),
        text: text.clone(),
        base: String::new(),
    };
    let tr = Tr::new(ctx.lang);
    let (problems, message) = match service::save(&st, &me, &[edit], &ctx.client_ip).await? {
        Ok(()) => return Ok(Redirect::to("/author?notice=created").into_response()),
        Err(Refused::Problems(ps)) => (ps, tr.t("author-file-problems")),
        Err(Refused::Conflict(_)) => (vec![], tr.t("author-exists")),
    };
    refused(
        &st,
        &ctx,
        &me,
        FormErrors::general(message),
        Some(problems),
        (path, text),
    )
    .await
}

pub async fn delete(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    service::delete(&st, &me, form.get("path").unwrap_or(""), &ctx.client_ip).await?;
    Ok(Redirect::to("/author?notice=deleted").into_response())
}

pub async fn restart(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    service::start_draft(&st, &me).await?;
    Ok(Redirect::to("/author?notice=restarted").into_response())
}

pub async fn publish(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    match service::publish(&st, &me).await? {
        Ok(i) => {
            let notice = if i.new { "published" } else { "unchanged" };
            let version: String = url_escape(&i.label);
            Ok(Redirect::to(&format!("/author?notice={notice}&version={version}")).into_response())
        }
        Err(problems) => {
            let tr = Tr::new(ctx.lang);
            let msg = tr.t1("author-draft-problems", "count", problems.len());
            refused(
                &st,
                &ctx,
                &me,
                FormErrors::general(msg),
                Some(problems),
                Default::default(),
            )
            .await
        }
    }
}

fn url_escape(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)])
        .map(|e| e[2..].to_owned())
        .unwrap_or_default()
}

/// The draft as `content/` files in a `.tar.gz`, for review (`git diff` after unpacking).
pub async fn export(State(st): State<AppState>, me: CurrentUser) -> AppResult<Response> {
    let files = service::draft(&st, &me).await?;
    let bytes = service::tar_gz(&files)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"content-draft.tar.gz\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}

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
        None => Some(refuse("media_type")),
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
