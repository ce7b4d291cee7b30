//! The authoring editor (content admins only): one file of the draft, or a lesson in both
//! languages, with its preview (a lesson as trainees see it, a question bank as reviewers check
//! it), and saving the edited text.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::pages::show;
use super::service::{self, AUTHORS, Edit, Refused};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

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
    let values =
        crate::admin::settings::effective(st, &crate::admin::settings::latest_course(st).await?)
            .await?;
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
