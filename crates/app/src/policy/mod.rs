//! Policy versions and notices (issue 13, item 2). The privacy policy and the terms of use are
//! versioned content in both languages. The first version of each is a file built into the
//! binary (`policy/privacy.toml`, `policy/terms.toml`, written to the database at start-up by
//! [`seed`]); an administrator publishes each later one ([`publish`]).
//!
//! A **material** version is announced: every worker registered before it sees it on their
//! dashboard (and `GET /api/v1/me/policy-changes`) until they acknowledge it, and gets a notice
//! with an SMS and email (the worker job tells them in batches: [`announce`]). A version may
//! carry new wording for consent purposes (`crate::privacy::wording`): consents given under the
//! older wording stop holding and "My privacy" asks again; such a version is always material.
//! Every version's date and change summary are public (`/policies`, `GET /api/v1/policies`).

pub mod api;
mod body;
pub mod pages;
mod publish;

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::FieldErrors;
use psk_domain::lang::Lang;
use psk_domain::profile::BoundedText;
use psk_store::Ex;
use psk_store::policies::{self, PolicyRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

pub use body::Block;
pub use publish::{ANNOUNCE_BATCH, NewVersion, NewWording, announce, publish};

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::privacy::wording::{self};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    Privacy,
    Terms,
}

impl Document {
    pub const ALL: [Document; 2] = [Document::Privacy, Document::Terms];

    pub fn as_str(self) -> &'static str {
        match self {
            Document::Privacy => "privacy",
            Document::Terms => "terms",
        }
    }

    pub fn parse(s: &str) -> Option<Document> {
        Document::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    fn file(self) -> &'static str {
        match self {
            Document::Privacy => include_str!("../../../../policy/privacy.toml"),
            Document::Terms => include_str!("../../../../policy/terms.toml"),
        }
    }
}

/// A first version as its file gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FirstVersion {
    document: String,
    version: String,
    published: NaiveDate,
    summary_en: String,
    summary_ur: String,
    body_en: String,
    body_ur: String,
}

fn first_version(d: Document) -> Result<FirstVersion, String> {
    let f: FirstVersion = toml::from_str(d.file()).map_err(|e| e.to_string())?;
    if f.document != d.as_str() {
        return Err(format!("document must be {:?}", d.as_str()));
    }
    let mut e = FieldErrors::new();
    check_texts(
        &mut e,
        [&f.summary_en, &f.summary_ur],
        [&f.body_en, &f.body_ur],
    );
    version_label(&f.version).map_err(|c| format!("version: {c}"))?;
    match e.0.first() {
        Some(err) => Err(format!("{}: {}", err.field, err.code)),
        None => Ok(f),
    }
}

static FIRST: LazyLock<Result<Vec<FirstVersion>, String>> = LazyLock::new(|| {
    Document::ALL
        .into_iter()
        .map(|d| first_version(d).map_err(|e| format!("policy/{}.toml: {e}", d.as_str())))
        .collect()
});

/// Checks the built-in first versions; `serve` calls it before it listens.
pub fn check() -> anyhow::Result<()> {
    FIRST
        .as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Writes each document's first version (and each purpose's first wording) where the database
/// has none yet.
pub async fn seed(st: &AppState) -> AppResult<()> {
    let first = FIRST.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
    for f in first {
        if policies::current(st.db.ex(), &f.document).await?.is_some() {
            continue;
        }
        let at = f
            .published
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        policies::insert(
            st.db.ex(),
            &PolicyRow {
                id: Uuid::new_v4(),
                document: f.document.clone(),
                version: f.version.clone(),
                material: false,
                summary_en: f.summary_en.clone(),
                summary_ur: f.summary_ur.clone(),
                body_en: f.body_en.clone(),
                body_ur: f.body_ur.clone(),
                published_at: at,
                published_by: None,
                announced_through: None,
                // Nobody registered before the first version: nothing to announce.
                announced_at: Some(at),
            },
        )
        .await?;
    }
    wording::seed(st).await
}

/// The label of `document`'s version in force (recorded with every consent).
pub async fn in_force(ex: Ex<'_>, document: Document) -> AppResult<String> {
    Ok(match policies::current(ex, document.as_str()).await? {
        Some(p) => p.version,
        None => first_version(document)
            .map(|f| f.version)
            .map_err(|e| anyhow::anyhow!(e))?,
    })
}

/// One version, in one language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub document: Document,
    pub version: String,
    /// A material change: announced to every worker, who is asked to read it.
    pub material: bool,
    pub published_at: DateTime<Utc>,
    pub summary: String,
    /// The text: a line starting with `## ` is a heading; paragraphs are separated by a blank
    /// line. Left out of lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl VersionView {
    fn of(p: PolicyRow, lang: Lang, with_body: bool) -> Option<Self> {
        let (summary, body) = match lang {
            Lang::Ur => (p.summary_ur, p.body_ur),
            Lang::En => (p.summary_en, p.body_en),
        };
        Some(Self {
            document: Document::parse(&p.document)?,
            version: p.version,
            material: p.material,
            published_at: p.published_at,
            summary,
            body: with_body.then_some(body),
        })
    }

    /// The day it was published, in Pakistan.
    pub fn date(&self) -> String {
        crate::time::pakistan_date(self.published_at).to_string()
    }

    pub fn blocks(&self) -> Vec<Block> {
        body::blocks(self.body.as_deref().unwrap_or_default())
    }
}

/// Every version of both documents, newest first, without their texts.
pub async fn history(st: &AppState, lang: Lang) -> AppResult<Vec<VersionView>> {
    Ok(policies::all(st.db.ex())
        .await?
        .into_iter()
        .filter_map(|p| VersionView::of(p, lang, false))
        .collect())
}

/// One version with its text; `None`: the version in force.
pub async fn version(
    st: &AppState,
    document: Document,
    version: Option<&str>,
    lang: Lang,
) -> AppResult<VersionView> {
    let row = match version {
        None => policies::current(st.db.ex(), document.as_str()).await?,
        Some(v) => policies::all(st.db.ex())
            .await?
            .into_iter()
            .find(|p| p.document == document.as_str() && p.version == v),
    };
    row.and_then(|p| VersionView::of(p, lang, true))
        .ok_or(AppError::NotFound)
}

/// The material changes a worker has not acknowledged yet, oldest first.
pub async fn pending(st: &AppState, user_id: Uuid, lang: Lang) -> AppResult<Vec<VersionView>> {
    let Some(since) = policies::seen_since(st.db.ex(), user_id).await? else {
        return Ok(vec![]);
    };
    Ok(policies::material_since(st.db.ex(), since)
        .await?
        .into_iter()
        .filter_map(|p| VersionView::of(p, lang, false))
        .collect())
}

/// The worker has read the changes shown to them (audited: the proof they were told).
pub async fn acknowledge(st: &AppState, me: &CurrentUser, ip: &str) -> AppResult<()> {
    let shown = pending(st, me.id, Lang::En).await?;
    if shown.is_empty() {
        return Ok(());
    }
    let mut tx = st.db.begin().await?;
    policies::seen(tx.ex(), me.id, st.clock.now()).await?;
    Event::new("policy.acknowledged")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "versions": shown.iter().map(|v| format!("{}:{}", v.document.as_str(), v.version)).collect::<Vec<_>>() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

const SUMMARY_MAX: usize = 600;
const BODY_MAX: usize = 60_000;

fn version_label(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    if s.len() > 20
        || !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        return Err("policy_version_format");
    }
    Ok(s.to_owned())
}

/// The summaries and bodies of both languages: present, clean, and the bodies with the same
/// headings count (one text, two languages).
fn check_texts(e: &mut FieldErrors, summaries: [&str; 2], bodies: [&str; 2]) {
    for (field, s) in ["summary_en", "summary_ur"].into_iter().zip(summaries) {
        e.take(field, BoundedText::parse(s, SUMMARY_MAX));
    }
    let mut parsed = 0;
    for (field, s) in ["body_en", "body_ur"].into_iter().zip(bodies) {
        parsed += usize::from(e.take(field, BoundedText::parse(s, BODY_MAX)).is_some());
    }
    let heads = |s: &str| body::blocks(s).iter().filter(|b| b.heading).count();
    if parsed == 2 && heads(bodies[0]) != heads(bodies[1]) {
        e.push("body_ur", "policy_headings_differ");
    }
}
